namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>A serialised RTP packet ready for SRTP protection.</summary>
public readonly record struct RtpOutgoingPacket(byte[] Bytes, ushort SequenceNumber, uint Timestamp, bool Marker);

/// <summary>
/// One outgoing RTP stream: owns SSRC, payload type, sequence number and timestamp. Frames from any clip are handed
/// in with their durations, so sequence numbers and timestamps stay continuous across loop restarts and clip switches.
/// Not thread-safe: use from the one sending loop (the <see cref="RetransmissionHistory"/> it fills is thread-safe).
/// </summary>
public sealed class RtpStream
{
    private readonly TimeProvider _time;
    private readonly byte[]? _extensionData;
    private readonly ushort _extensionProfile;
    private ushort _nextSequence;
    private uint _nextTimestamp;
    private long _lastFrameTicks = -1;

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
    /// Wraps one frame's payloads in RTP headers at the current timestamp, then advances the timestamp by
    /// <paramref name="durationInClockUnits"/> (3600 for a 25 fps video frame, 960 for 20 ms of Opus).
    /// </summary>
    public IReadOnlyList<RtpOutgoingPacket> Packetize(IReadOnlyList<RtpPayloadChunk> chunks, uint durationInClockUnits)
    {
        var packets = new List<RtpOutgoingPacket>(chunks.Count);
        uint ts = _nextTimestamp;
        foreach (var chunk in chunks)
        {
            var header = new RtpHeader
            {
                Marker = chunk.Marker,
                PayloadType = PayloadType,
                SequenceNumber = _nextSequence,
                Timestamp = ts,
                Ssrc = Ssrc,
                ExtensionProfile = _extensionProfile,
                ExtensionData = _extensionData,
            };
            var bytes = new byte[header.Size + chunk.Payload.Length];
            int n = header.WriteTo(bytes);
            chunk.Payload.CopyTo(bytes, n);
            History?.Add(_nextSequence, bytes);
            packets.Add(new RtpOutgoingPacket(bytes, _nextSequence, ts, chunk.Marker));
            _nextSequence++;
            PacketCount++;
            OctetCount += (uint)chunk.Payload.Length;
        }
        LastTimestamp = ts;
        _lastFrameTicks = _time.GetTimestamp();
        _nextTimestamp = ts + durationInClockUnits;
        return packets;
    }

    /// <summary>Packetises one frame with <paramref name="packetizer"/> and stamps it; see <see cref="Packetize(IReadOnlyList{RtpPayloadChunk}, uint)"/>.</summary>
    public IReadOnlyList<RtpOutgoingPacket> Packetize(IRtpPacketizer packetizer, ReadOnlySpan<byte> frame, TimeSpan duration) =>
        Packetize(packetizer.Packetize(frame), ToClockUnits(duration));

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
