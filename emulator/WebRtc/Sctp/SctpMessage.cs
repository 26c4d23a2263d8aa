namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>A reassembled user message delivered to the upper layer.</summary>
public sealed record SctpMessage(ushort StreamId, uint Ppid, byte[] Payload, bool Unordered);

/// <summary>Association states (RFC 9260 §4), with Closed as both the start and the end.</summary>
public enum SctpAssociationState
{
    Closed,
    CookieWait,
    CookieEchoed,
    Established,
    ShutdownPending,
    ShutdownSent,
    ShutdownReceived,
    ShutdownAckSent,
}

/// <summary>Why an association closed.</summary>
public enum SctpCloseReason
{
    Shutdown,
    AbortedLocally,
    AbortedByPeer,
    /// <summary>Too many retransmissions without an acknowledgement (peer gone).</summary>
    Timeout,
    Disposed,
}
