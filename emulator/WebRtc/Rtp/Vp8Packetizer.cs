namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>
/// VP8 payload format (RFC 7741) with the minimal 1-byte descriptor: X=0, N=0, S on the first packet of a frame, PID 0.
/// Chromium decodes this; picture IDs are optional.
/// </summary>
public sealed class Vp8Packetizer : IRtpPacketizer
{
    private const byte StartOfPartition = 0x10;
    private readonly int _maxPayloadSize;

    public Vp8Packetizer(int maxPayloadSize = RtpDefaults.MaxPayloadSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 2);
        _maxPayloadSize = maxPayloadSize;
    }

    public void Packetize(ReadOnlySpan<byte> frame, IRtpPayloadSink sink)
    {
        if (frame.IsEmpty) return;
        int maxData = _maxPayloadSize - 1;
        // Spread bytes evenly so the last packet is not a tiny runt.
        int count = (frame.Length + maxData - 1) / maxData;
        int baseSize = frame.Length / count, extra = frame.Length % count;
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            int size = baseSize + (i < extra ? 1 : 0);
            var payload = sink.NextPayload();
            payload[0] = i == 0 ? StartOfPartition : (byte)0;
            frame.Slice(offset, size).CopyTo(payload[1..]);
            offset += size;
            sink.Commit(size + 1, i == count - 1);
        }
    }

    /// <summary>True if a VP8 frame (uncompressed data chunk, RFC 6386 §9.1) is a key frame: P bit of byte 0 is 0.</summary>
    public static bool IsKeyFrame(ReadOnlySpan<byte> frame) => frame.Length >= 3 && (frame[0] & 0x01) == 0;
}
