namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Snapshot of an association's counters, for tests and diagnostics.</summary>
public sealed record SctpCounters(
    long PacketsReceived,
    long PacketsSent,
    long PacketsDropped,
    long DataChunksSent,
    long DataChunksReceived,
    long Retransmissions,
    long FastRetransmits,
    long T3Expirations,
    long DuplicateTsnsReceived,
    long MessagesAbandoned,
    long ForwardTsnsSent,
    long ForwardTsnsReceived,
    long CookiesRejected,
    long HeartbeatsAnswered,
    long CallbackErrors,
    long DataChunksRefused,
    long BufferedBytes);

/// <summary>Mutable counterpart, only touched under the association lock.</summary>
internal sealed class CounterSet
{
    public long PacketsReceived, PacketsSent, PacketsDropped, DataChunksSent, DataChunksReceived, Retransmissions,
        FastRetransmits, T3Expirations, DuplicateTsnsReceived, MessagesAbandoned, ForwardTsnsSent, ForwardTsnsReceived,
        CookiesRejected, HeartbeatsAnswered, CallbackErrors, DataChunksRefused;

    /// <param name="bufferedBytes">Received bytes held for reassembly or ordering (bounded by the receive window).</param>
    public SctpCounters Snapshot(int bufferedBytes) => new(PacketsReceived, PacketsSent, PacketsDropped, DataChunksSent, DataChunksReceived,
        Retransmissions, FastRetransmits, T3Expirations, DuplicateTsnsReceived, MessagesAbandoned, ForwardTsnsSent,
        ForwardTsnsReceived, CookiesRejected, HeartbeatsAnswered, Interlocked.Read(ref CallbackErrors), DataChunksRefused, bufferedBytes);
}
