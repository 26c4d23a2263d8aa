using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Rtcp;

/// <summary>
/// Parses an incoming (already SRTCP-decrypted) compound RTCP packet. Any structural error in the compound
/// (bad version, a length running past the end) yields <see cref="RtcpFeedback.Empty"/>: a corrupt compound cannot
/// be trusted piecemeal. Never throws.
/// </summary>
public static class RtcpParser
{
    public static RtcpFeedback Parse(ReadOnlySpan<byte> compound)
    {
        try
        {
            return ParseUnchecked(compound) ?? RtcpFeedback.Empty;
        }
        catch (Exception) // defensive: a parser bug must not take the receive loop down
        {
            return RtcpFeedback.Empty;
        }
    }

    private static RtcpFeedback? ParseUnchecked(ReadOnlySpan<byte> data)
    {
        var srs = new List<SenderReportInfo>();
        var rrs = new List<ReceiverReport>();
        var plis = new List<PictureLossIndication>();
        var firs = new List<FullIntraRequest>();
        var nacks = new List<GenericNack>();

        if (data.Length < 4) return null;
        int offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < 4) return null;
            var head = data[offset..];
            if ((head[0] >> 6) != 2) return null;
            bool padding = (head[0] & 0x20) != 0;
            int count = head[0] & 0x1F;
            byte type = head[1];
            int length = (BinaryPrimitives.ReadUInt16BigEndian(head[2..]) + 1) * 4;
            if (length > data.Length - offset) return null;
            var packet = data.Slice(offset, length);
            if (padding)
            {
                int pad = packet[^1];
                if (pad == 0 || pad > length - 4) return null;
                packet = packet[..(length - pad)];
            }
            var body = packet[4..];

            switch (type)
            {
                case RtcpPacketTypes.SenderReport:
                    if (body.Length < 24) return null;
                    srs.Add(new SenderReportInfo(
                        BinaryPrimitives.ReadUInt32BigEndian(body),
                        BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
                        BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
                        BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
                        BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
                        ReadBlocks(body[24..], count) ?? []));
                    break;
                case RtcpPacketTypes.ReceiverReport:
                    if (body.Length < 4) return null;
                    var blocks = ReadBlocks(body[4..], count);
                    if (blocks is null) return null;
                    rrs.Add(new ReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(body), blocks));
                    break;
                case RtcpPacketTypes.TransportFeedback when count == 1: // generic NACK
                    if (body.Length < 8) return null;
                    nacks.Add(new GenericNack(
                        BinaryPrimitives.ReadUInt32BigEndian(body),
                        BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
                        ExpandNack(body[8..])));
                    break;
                case RtcpPacketTypes.PayloadFeedback when count == 1: // PLI
                    if (body.Length < 8) return null;
                    plis.Add(new PictureLossIndication(
                        BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..])));
                    break;
                case RtcpPacketTypes.PayloadFeedback when count == 4: // FIR: FCI entries of SSRC + seq + 3 reserved
                    if (body.Length < 8) return null;
                    uint sender = BinaryPrimitives.ReadUInt32BigEndian(body);
                    for (var fci = body[8..]; fci.Length >= 8; fci = fci[8..])
                        firs.Add(new FullIntraRequest(sender, BinaryPrimitives.ReadUInt32BigEndian(fci), fci[4]));
                    break;
                default:
                    break; // SDES, BYE, APP, REMB, transport-cc, XR...: not needed by a sender that does not adapt
            }
            offset += length;
        }
        return new RtcpFeedback(srs, rrs, plis, firs, nacks);
    }

    private static List<ReportBlock>? ReadBlocks(ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < count * 24) return null;
        var blocks = new List<ReportBlock>(count);
        for (int i = 0; i < count; i++)
        {
            var b = data.Slice(i * 24, 24);
            int lost = (b[5] << 16) | (b[6] << 8) | b[7];
            if ((lost & 0x80_0000) != 0) lost -= 0x100_0000; // 24-bit signed
            blocks.Add(new ReportBlock(
                BinaryPrimitives.ReadUInt32BigEndian(b), b[4], lost,
                BinaryPrimitives.ReadUInt32BigEndian(b[8..]), BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..])));
        }
        return blocks;
    }

    /// <summary>Each FCI is PID (lost) + BLP (bit i set: PID+i+1 lost too), RFC 4585 §6.2.1.</summary>
    internal static List<ushort> ExpandNack(ReadOnlySpan<byte> fci)
    {
        var lost = new List<ushort>();
        for (; fci.Length >= 4; fci = fci[4..])
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(fci);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(fci[2..]);
            lost.Add(pid);
            for (int bit = 0; bit < 16; bit++)
                if ((blp & (1 << bit)) != 0) lost.Add(unchecked((ushort)(pid + bit + 1)));
        }
        return lost;
    }
}
