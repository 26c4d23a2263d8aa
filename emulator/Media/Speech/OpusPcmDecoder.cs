using System.Buffers.Binary;
using Concentus;

namespace HeyGenEmulator.Media.Speech;

/// <summary>
/// One stream of Opus packets (a client's microphone) to 16-bit mono PCM at <see cref="SampleRate"/>, what voice
/// detection and recognisers need. Decoded at 48 kHz and reduced: Concentus 2.2.2 asked for 16 kHz output decoded
/// Chromium's hybrid (SILK+CELT fullband) packets to silence. Managed, so a packet costs tens of microseconds and no
/// process. Not thread-safe: one decoder per stream, fed in order.
/// </summary>
public sealed class OpusPcmDecoder
{
    public const int SampleRate = 16000;
    private const int DecodeRate = 48000, Step = DecodeRate / SampleRate;
    private const int MaxFrameSamples = DecodeRate * 120 / 1000; // Opus' longest frame, 120 ms

    private readonly IOpusDecoder _decoder = OpusCodecFactory.CreateDecoder(DecodeRate, 1);
    private readonly short[] _frame = new short[MaxFrameSamples];
    private readonly byte[] _bytes = new byte[MaxFrameSamples / Step * 2];

    /// <summary>The packet's PCM (little-endian), valid until the next call; empty for a packet that does not decode.</summary>
    public ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> packet)
    {
        int samples;
        try { samples = _decoder.Decode(packet, _frame, MaxFrameSamples); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return []; // a damaged or foreign packet is left out
        }
        // 48 → 16 kHz: the mean of each three samples (a box filter is enough for energy and for a recogniser).
        int output = samples / Step;
        for (int i = 0; i < output; i++)
        {
            int j = i * Step;
            BinaryPrimitives.WriteInt16LittleEndian(_bytes.AsSpan(2 * i), (short)((_frame[j] + _frame[j + 1] + _frame[j + 2]) / 3));
        }
        return _bytes.AsSpan(0, output * 2);
    }
}
