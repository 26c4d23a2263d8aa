namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Tunables for one association. Defaults match what Chromium (dcSCTP) needs over DTLS.</summary>
public sealed record SctpOptions
{
    public ushort LocalPort { get; init; } = 5000;
    public ushort RemotePort { get; init; } = 5000;

    /// <summary>
    /// Largest SCTP packet we emit, padding included. 1,163 B keeps DTLS records within a 1,200 B UDP payload.
    /// </summary>
    public int MaxPacketSize { get; init; } = 1163;

    public ushort OutboundStreams { get; init; } = 65535;
    public ushort InboundStreams { get; init; } = 65535;

    /// <summary>Receive buffer, never exceeded; a_rwnd advertises 7/8 of it (the rest is for hole fillers). A single incoming message must fit in it.</summary>
    public int ReceiveWindow { get; init; } = 1024 * 1024;

    /// <summary>RTO bounds (RFC 9260 §6.3). Below 1 s Chromium under CPU load triggered needless retransmits.</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan CookieLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive T3 expiries (Association.Max.Retrans) before the association is declared dead.</summary>
    public int MaxAssociationRetransmits { get; init; } = 10;

    /// <summary>INIT / COOKIE-ECHO / SHUTDOWN retries (Max.Init.Retransmits).</summary>
    public int MaxInitRetransmits { get; init; } = 8;

    /// <summary>
    /// User data per DATA chunk: what is left after the headers, rounded down to 4 so chunk padding cannot push
    /// the packet over MaxPacketSize (1,132 B for 1,163 B packets; 1,135 B would pad to 1,164 B).
    /// </summary>
    public int MaxDataPayload => (MaxPacketSize - SctpPacket.HeaderSize - DataChunk.HeaderSize) & ~3;
}
