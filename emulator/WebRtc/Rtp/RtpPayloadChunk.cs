namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>One RTP payload produced by a packetiser; <see cref="Marker"/> is set on the last packet of a frame.</summary>
public readonly record struct RtpPayloadChunk(byte[] Payload, bool Marker);

/// <summary>
/// Where a packetiser writes its payloads: straight into the sender's packet buffer, one at a time, so the steady
/// send path allocates nothing per packet.
/// </summary>
public interface IRtpPayloadSink
{
    /// <summary>Room for the next payload (at least the packetiser's maximum payload size).</summary>
    Span<byte> NextPayload();

    /// <summary>The payload just written into <see cref="NextPayload"/> is <paramref name="length"/> bytes.</summary>
    void Commit(int length, bool marker);
}

/// <summary>Turns one encoded frame (or access unit, or audio packet) into RTP payloads.</summary>
public interface IRtpPacketizer
{
    void Packetize(ReadOnlySpan<byte> frame, IRtpPayloadSink sink);
}

/// <summary>The chunks of a frame as arrays, for callers that want to look at them (one array per chunk).</summary>
public static class RtpPacketizerExtensions
{
    public static IReadOnlyList<RtpPayloadChunk> Packetize(this IRtpPacketizer packetizer, ReadOnlySpan<byte> frame)
    {
        var collector = new ChunkCollector();
        packetizer.Packetize(frame, collector);
        return collector.Chunks;
    }

    private sealed class ChunkCollector : IRtpPayloadSink
    {
        private readonly byte[] _buffer = new byte[RtpDefaults.MaxPacketSize];
        public readonly List<RtpPayloadChunk> Chunks = [];
        public Span<byte> NextPayload() => _buffer;
        public void Commit(int length, bool marker) => Chunks.Add(new RtpPayloadChunk(_buffer.AsSpan(0, length).ToArray(), marker));
    }
}

public static class RtpDefaults
{
    /// <summary>Payload bytes per packet so that a packet without extensions is 1200 bytes (12-byte header).</summary>
    public const int MaxPayloadSize = 1200 - RtpHeader.FixedSize;

    /// <summary>The largest RTP packet the sender builds (an MTU's worth): payload, header and extensions fit.</summary>
    public const int MaxPacketSize = 1500;

    public const int VideoClockRate = 90_000;
    public const int OpusClockRate = 48_000;
}
