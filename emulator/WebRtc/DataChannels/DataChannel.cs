namespace HeyGenEmulator.WebRtc.DataChannels;

public enum DataChannelState
{
    /// <summary>We sent DATA_CHANNEL_OPEN and wait for the ACK (sending is already allowed).</summary>
    Connecting,
    Open,
    /// <summary>Our stream reset is under way.</summary>
    Closing,
    Closed,
}

/// <summary>One data channel: an SCTP stream id (same in both directions) plus the DCEP parameters.</summary>
public sealed class DataChannel
{
    internal DataChannel(ushort streamId, string label, string protocol, bool ordered, int? maxRetransmits, int? maxPacketLifeTime,
        bool openedLocally, DataChannelState state)
    {
        StreamId = streamId;
        Label = label;
        Protocol = protocol;
        Ordered = ordered;
        MaxRetransmits = maxRetransmits;
        MaxPacketLifeTime = maxPacketLifeTime;
        OpenedLocally = openedLocally;
        State = state;
    }

    public ushort StreamId { get; }
    public string Label { get; }
    public string Protocol { get; }
    public bool Ordered { get; }
    public int? MaxRetransmits { get; }
    /// <summary>Announced in DCEP only; the SCTP layer does not expire messages by lifetime.</summary>
    public int? MaxPacketLifeTime { get; }
    public bool OpenedLocally { get; }
    public DataChannelState State { get; internal set; }

    public override string ToString() => $"DataChannel({StreamId}, '{Label}', {State})";
}
