namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>A user message on the send side; its fragments share the SSN and the fate (abandoned together).</summary>
internal sealed class OutboundMessage(ushort streamId, ushort ssn, uint ppid, bool unordered, int? maxRetransmits)
{
    public ushort StreamId { get; } = streamId;
    public ushort Ssn { get; } = ssn;
    public uint Ppid { get; } = ppid;
    public bool Unordered { get; } = unordered;
    public int? MaxRetransmits { get; } = maxRetransmits;
    public bool Abandoned { get; set; }
    public List<OutboundChunk> Fragments { get; } = new();
}

/// <summary>One DATA chunk's worth of a message. A TSN is assigned when it is first transmitted.</summary>
internal sealed class OutboundChunk(OutboundMessage message, byte[] data, bool beginning, bool ending)
{
    public OutboundMessage Message { get; } = message;
    public byte[] Data { get; } = data;
    public bool Beginning { get; } = beginning;
    public bool Ending { get; } = ending;
    public uint Tsn { get; set; }
    public bool HasTsn { get; set; }
    public int TransmitCount { get; set; }
    public long SentTimestamp { get; set; }
    public bool Acked { get; set; }
    public bool InFlight { get; set; }
    public bool NeedsRetransmit { get; set; }
    public int MissIndications { get; set; }
    public bool FastRetransmitted { get; set; }

    public int Size => Data.Length;

    public SctpChunk Encode() =>
        DataChunk.Encode(Tsn, Message.StreamId, Message.Ssn, Message.Ppid, Data, Message.Unordered, Beginning, Ending);
}
