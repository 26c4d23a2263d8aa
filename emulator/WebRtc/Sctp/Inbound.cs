namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Receive state of one incoming stream: next SSN to deliver and complete messages waiting for it.</summary>
internal sealed class InboundStream
{
    public ushort NextSsn { get; set; }
    public Dictionary<ushort, SctpMessage> Waiting { get; } = new();
}
