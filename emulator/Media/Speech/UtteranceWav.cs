using System.Buffers.Binary;
using Concentus;

namespace HeyGenEmulator.Media.Speech;

/// <summary>
/// A user's utterance as a WAV a speech recogniser reads: 16-bit mono PCM at 16 kHz (what whisper.cpp and most
/// recognisers want). Opus packets are decoded straight to 16 kHz (Opus decoders may output any of its rates);
/// chat-socket PCM arrives at 16 kHz already and is only wrapped.
/// </summary>
public static class UtteranceWav
{
    public const int SampleRate = 16000;
    private const int MaxFrameSamples = SampleRate * 120 / 1000; // Opus' longest frame, 120 ms

    public static byte[] FromOpus(IEnumerable<byte[]> packets)
    {
        var decoder = OpusCodecFactory.CreateDecoder(SampleRate, 1);
        var pcm = new List<short>();
        var frame = new short[MaxFrameSamples];
        foreach (var packet in packets)
        {
            int samples;
            try { samples = decoder.Decode(packet, frame, MaxFrameSamples); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                continue; // a damaged packet is left out; the rest of the utterance still says what it says
            }
            pcm.AddRange(frame.AsSpan(0, samples));
        }
        var bytes = new byte[pcm.Count * 2];
        for (int i = 0; i < pcm.Count; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), pcm[i]);
        return Wrap(bytes, SampleRate);
    }

    /// <summary>16-bit little-endian mono PCM at <paramref name="sampleRate"/>, in a RIFF/WAVE header.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> pcm16, int sampleRate)
    {
        var wav = new byte[44 + pcm16.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm16.Length);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm16.Length);
        pcm16.CopyTo(span[44..]);
        return wav;
    }
}
