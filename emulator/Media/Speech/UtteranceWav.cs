using System.Buffers.Binary;

namespace HeyGenEmulator.Media.Speech;

/// <summary>A user's utterance as a WAV a speech recogniser reads: 16-bit mono PCM (16 kHz from both microphones).</summary>
public static class UtteranceWav
{
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
