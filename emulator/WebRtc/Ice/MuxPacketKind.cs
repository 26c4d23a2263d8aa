namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>What a datagram on the shared port is, judged by its first bytes (RFC 7983 §7, RFC 5761 §4).</summary>
public enum MuxPacketKind
{
    Unknown,
    Stun,
    Dtls,
    Rtp,
    Rtcp,
}

public static class MuxPacketClassifier
{
    public static MuxPacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty) return MuxPacketKind.Unknown;
        byte b = datagram[0];
        if (b <= 3) return MuxPacketKind.Stun;
        if (b is >= 20 and <= 63) return MuxPacketKind.Dtls;
        if (b is >= 128 and <= 191)
        {
            if (datagram.Length < 2) return MuxPacketKind.Unknown;
            // RTCP packet types 192–223 overlap RTP payload types only with the marker bit set, which
            // RFC 5761 forbids dynamic payload types from using, so the second byte tells them apart.
            return datagram[1] is >= 192 and <= 223 ? MuxPacketKind.Rtcp : MuxPacketKind.Rtp;
        }
        return MuxPacketKind.Unknown;
    }
}
