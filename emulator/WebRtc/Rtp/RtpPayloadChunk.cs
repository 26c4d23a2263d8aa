namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>One RTP payload produced by a packetiser; <see cref="Marker"/> is set on the last packet of a frame.</summary>
public readonly record struct RtpPayloadChunk(byte[] Payload, bool Marker);

/// <summary>Turns one encoded frame (or access unit, or audio packet) into RTP payloads.</summary>
public interface IRtpPacketizer
{
    IReadOnlyList<RtpPayloadChunk> Packetize(ReadOnlySpan<byte> frame);
}

public static class RtpDefaults
{
    /// <summary>Payload bytes per packet so that a packet without extensions is 1200 bytes (12-byte header).</summary>
    public const int MaxPayloadSize = 1200 - RtpHeader.FixedSize;
    public const int VideoClockRate = 90_000;
    public const int OpusClockRate = 48_000;
}
