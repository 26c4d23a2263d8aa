using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>Takes one serialised RTP packet (valid only during the call: the stream reuses its buffer).</summary>
public delegate void RtpPacketSender(ReadOnlySpan<byte> packet);

/// <summary>
/// One outgoing RTP stream: owns SSRC, payload type, sequence number and timestamp. Frames from any clip are handed
/// in with their durations, so sequence numbers and timestamps stay continuous across loop restarts and clip switches.
/// Not thread-safe: use from the one sending loop (the <see cref="RetransmissionHistory"/> it fills is thread-safe).
/// The steady path allocates nothing: each packet is built in the sending thread's reused buffer from the stream's
/// header template, handed to the sender, and copied into the history's recycled buffers.
/// </summary>
public sealed class RtpStream : IRtpPayloadSink
{
    private readonly TimeProvider _time;
    private readonly byte[]? _extensionData;
    private readonly ushort _extensionProfile;
    private ushort _nextSequence;
    private uint _nextTimestamp;
    private long _lastFrameTicks = -1;
    private readonly byte[] _header;
    private readonly int _headerSize;
    // Where packets are built: one buffer per thread, not per stream. The pacer builds every peer's packets in turn,
    // and a buffer per stream (1.2 KB) was cold at each visit; one per thread stays in cache. A packet lives only
    // until Commit's sender returns, and a sender never packetises on another stream meanwhile.
    [ThreadStatic] private static byte[]? t_packet;
    private RtpPacketSender? _sender;
    private uint _frameTimestamp;

    public RtpStream(uint ssrc, byte payloadType, int clockRate, RetransmissionHistory? history = null,
        ushort? initialSequenceNumber = null, uint? initialTimestamp = null, TimeProvider? timeProvider = null,
        IReadOnlyList<RtpHeaderExtensionElement>? headerExtensions = null)
    {
        if (payloadType > 127) throw new ArgumentOutOfRangeException(nameof(payloadType));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        Ssrc = ssrc;
        PayloadType = payloadType;
        ClockRate = clockRate;
        History = history;
        _time = timeProvider ?? TimeProvider.System;
        // RFC 3550 §5.1: initial values should be random to make known-plaintext attacks on SRTP harder.
        _nextSequence = initialSequenceNumber ?? (ushort)Random.Shared.Next(0, 0x8000);
        _nextTimestamp = initialTimestamp ?? (uint)Random.Shared.NextInt64(0, uint.MaxValue);
        if (headerExtensions is { Count: > 0 })
            (_extensionProfile, _extensionData) = RtpHeader.BuildOneByteExtensions(headerExtensions);
        // The header template: everything but marker, sequence number and timestamp, patched per packet.
        var template = new RtpHeader { PayloadType = PayloadType, Ssrc = Ssrc, ExtensionProfile = _extensionProfile, ExtensionData = _extensionData };
        _headerSize = template.Size;
        _header = new byte[_headerSize];
        template.WriteTo(_header);
    }

    public uint Ssrc { get; }
    public byte PayloadType { get; }
    public int ClockRate { get; }
    public RetransmissionHistory? History { get; }

    /// <summary>Sequence number the next packet will carry.</summary>
    public ushort NextSequenceNumber => _nextSequence;
    /// <summary>RTP timestamp the next frame will carry.</summary>
    public uint NextTimestamp => _nextTimestamp;
    /// <summary>RTP timestamp of the last frame sent (for the Sender Report).</summary>
    public uint LastTimestamp { get; private set; }
    public uint PacketCount { get; private set; }
    /// <summary>Payload octets sent (RFC 3550: excludes headers and padding).</summary>
    public uint OctetCount { get; private set; }

    /// <summary>
    /// Packetises one frame with <paramref name="packetizer"/> at the current timestamp, hands each RTP packet to
    /// <paramref name="send"/> (and keeps it in the history), then advances the timestamp by
    /// <paramref name="durationInClockUnits"/> (3600 for a 25 fps video frame, 960 for 20 ms of Opus). Returns the
    /// packets sent.
    /// </summary>
    public int Send(IRtpPacketizer packetizer, ReadOnlySpan<byte> frame, uint durationInClockUnits, RtpPacketSender send)
    {
        uint before = PacketCount;
        _sender = send;
        _frameTimestamp = _nextTimestamp;
        try
        {
            packetizer.Packetize(frame, this);
        }
        finally
        {
            _sender = null;
        }
        LastTimestamp = _frameTimestamp;
        _lastFrameTicks = _time.GetTimestamp();
        _nextTimestamp = _frameTimestamp + durationInClockUnits;
        return (int)(PacketCount - before);
    }

    /// <summary>As <see cref="Send(IRtpPacketizer, ReadOnlySpan{byte}, uint, RtpPacketSender)"/>, for a frame of <paramref name="duration"/>.</summary>
    public int Send(IRtpPacketizer packetizer, ReadOnlySpan<byte> frame, TimeSpan duration, RtpPacketSender send) =>
        Send(packetizer, frame, ToClockUnits(duration), send);

    Span<byte> IRtpPayloadSink.NextPayload() => PacketBuffer().AsSpan(_headerSize, RtpDefaults.MaxPacketSize);

    private byte[] PacketBuffer()
    {
        var buffer = t_packet;
        if (buffer is null || buffer.Length < _headerSize + RtpDefaults.MaxPacketSize)
            t_packet = buffer = new byte[Math.Max(_headerSize + RtpDefaults.MaxPacketSize, 2048)];
        return buffer;
    }

    void IRtpPayloadSink.Commit(int length, bool marker)
    {
        var packet = PacketBuffer().AsSpan(0, _headerSize + length);
        _header.CopyTo(packet);
        packet[1] = (byte)((marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], _nextSequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], _frameTimestamp);
        History?.Add(_nextSequence, packet);
        _sender?.Invoke(packet);
        _nextSequence++;
        PacketCount++;
        OctetCount += (uint)length;
    }

    /// <summary>Skips time without sending (e.g. a pause), keeping the timestamp in step with the wall clock.</summary>
    public void AdvanceTimestamp(uint clockUnits) => _nextTimestamp += clockUnits;

    public uint ToClockUnits(TimeSpan duration) => (uint)Math.Round(duration.TotalSeconds * ClockRate);

    /// <summary>
    /// The RTP timestamp corresponding to "now" for a Sender Report: the last frame's timestamp plus the wall time
    /// elapsed since it was packetised. Returns <see cref="NextTimestamp"/> before any frame was sent.
    /// </summary>
    public uint RtpTimestampNow()
    {
        if (_lastFrameTicks < 0) return _nextTimestamp;
        var elapsed = _time.GetElapsedTime(_lastFrameTicks);
        return LastTimestamp + (uint)Math.Round(elapsed.TotalSeconds * ClockRate);
    }
}
