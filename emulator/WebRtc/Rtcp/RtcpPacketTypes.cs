namespace HeyGenEmulator.WebRtc.Rtcp;

public static class RtcpPacketTypes
{
    public const byte SenderReport = 200, ReceiverReport = 201, SourceDescription = 202, Goodbye = 203, App = 204;
    /// <summary>Transport-layer feedback (RFC 4585); FMT 1 = generic NACK, 15 = transport-wide CC.</summary>
    public const byte TransportFeedback = 205;
    /// <summary>Payload-specific feedback (RFC 4585); FMT 1 = PLI, 4 = FIR, 15 = application layer (REMB).</summary>
    public const byte PayloadFeedback = 206;

    /// <summary>RFC 5761 demultiplexing: RTCP packet types 192..223 sit in the second byte.</summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length >= 8 && (packet[0] >> 6) == 2 && packet[1] is >= 192 and <= 223;
}
