namespace HeyGenEmulator.WebRtc.DataChannels;

/// <summary>SCTP payload protocol identifiers used by WebRTC data channels (RFC 8831 §8, RFC 8832 §8).</summary>
public static class DataChannelPpid
{
    public const uint Dcep = 50;
    public const uint String = 51;
    public const uint Binary = 53;
    /// <summary>Empty messages: SCTP cannot carry zero bytes, so one byte (ignored) is sent under these PPIDs.</summary>
    public const uint StringEmpty = 56;
    public const uint BinaryEmpty = 57;
}
