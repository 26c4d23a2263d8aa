using System.Buffers.Binary;
using System.Text;

namespace HeyGenEmulator.WebRtc.Rtcp;

/// <summary>
/// Builds RTCP: what the emulator sends (a compound Sender Report + SDES CNAME, RFC 3550 §6.1 requires both; BYE), and
/// the feedback a receiver sends (NACK, PLI), which our test and bench receiving peers use.
/// </summary>
public static class RtcpWriter
{
    /// <summary>
    /// A compound packet: SR (no report blocks, since we receive no media) followed by SDES with one CNAME chunk.
    /// </summary>
    public static byte[] SenderReportWithCname(uint ssrc, DateTimeOffset now, uint rtpTimestamp, uint packetCount,
        uint octetCount, string cname) =>
        SenderReportWithCname(ssrc, NtpTime.FromDateTimeOffset(now), rtpTimestamp, packetCount, octetCount, cname);

    public static byte[] SenderReportWithCname(uint ssrc, ulong ntpTimestamp, uint rtpTimestamp, uint packetCount,
        uint octetCount, string cname)
    {
        byte[] sdes = SourceDescription(ssrc, cname);
        var packet = new byte[28 + sdes.Length];
        var sr = packet.AsSpan(0, 28);
        sr[0] = 0x80; // V=2, P=0, RC=0
        sr[1] = RtcpPacketTypes.SenderReport;
        BinaryPrimitives.WriteUInt16BigEndian(sr[2..], 6); // length in 32-bit words minus one
        BinaryPrimitives.WriteUInt32BigEndian(sr[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(sr[8..], ntpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(sr[16..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(sr[20..], packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(sr[24..], octetCount);
        sdes.CopyTo(packet, 28);
        return packet;
    }

    /// <summary>An SDES packet with one chunk holding a CNAME item (truncated to 255 UTF-8 bytes).</summary>
    public static byte[] SourceDescription(uint ssrc, string cname)
    {
        byte[] text = Encoding.UTF8.GetBytes(cname);
        if (text.Length > 255) text = text[..255];
        // chunk: SSRC(4) + type(1) + len(1) + text + at least one null terminator, padded to 32 bits
        int chunk = (4 + 2 + text.Length + 1 + 3) & ~3;
        var packet = new byte[4 + chunk];
        packet[0] = 0x81; // V=2, SC=1
        packet[1] = RtcpPacketTypes.SourceDescription;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(packet.Length / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        packet[8] = 1; // CNAME
        packet[9] = (byte)text.Length;
        text.CopyTo(packet, 10);
        return packet;
    }

    /// <summary>
    /// A Generic NACK (RFC 4585 §6.2.1) for the lost sequence numbers of <paramref name="mediaSsrc"/>: each FCI is a PID
    /// and a bitmask of the 16 that follow it, so runs of nearby losses share one.
    /// </summary>
    public static byte[] GenericNack(uint senderSsrc, uint mediaSsrc, IEnumerable<ushort> lost)
    {
        var fcis = new List<(ushort Pid, ushort Blp)>();
        foreach (var seq in lost.Distinct().OrderBy(s => s))
        {
            if (fcis.Count > 0)
            {
                var (pid, blp) = fcis[^1];
                int offset = (ushort)(seq - pid);
                if (offset is >= 1 and <= 16)
                {
                    fcis[^1] = (pid, (ushort)(blp | (1 << (offset - 1))));
                    continue;
                }
            }
            fcis.Add((seq, 0));
        }
        var packet = Feedback(RtcpPacketTypes.TransportFeedback, 1, senderSsrc, mediaSsrc, 4 * fcis.Count);
        for (int i = 0; i < fcis.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12 + 4 * i), fcis[i].Pid);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14 + 4 * i), fcis[i].Blp);
        }
        return packet;
    }

    /// <summary>A Picture Loss Indication (RFC 4585 §6.3.1): the receiver asks for a key frame.</summary>
    public static byte[] PictureLossIndication(uint senderSsrc, uint mediaSsrc) =>
        Feedback(RtcpPacketTypes.PayloadFeedback, 1, senderSsrc, mediaSsrc, 0);

    /// <summary>The common feedback header (RFC 4585 §6.1), FCI bytes left zero.</summary>
    private static byte[] Feedback(byte type, int fmt, uint senderSsrc, uint mediaSsrc, int fciLength)
    {
        var packet = new byte[12 + fciLength];
        packet[0] = (byte)(0x80 | fmt);
        packet[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(packet.Length / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), mediaSsrc);
        return packet;
    }

    /// <summary>A BYE for our SSRCs, sent when a stream ends so the browser can tear it down promptly.</summary>
    public static byte[] Goodbye(params uint[] ssrcs)
    {
        int count = Math.Min(ssrcs.Length, 31);
        var packet = new byte[4 + 4 * count];
        packet[0] = (byte)(0x80 | count);
        packet[1] = RtcpPacketTypes.Goodbye;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)count);
        for (int i = 0; i < count; i++) BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4 + 4 * i), ssrcs[i]);
        return packet;
    }
}
