using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>A parsed RTP packet: the header and the payload (padding removed), both views into the input.</summary>
public sealed record RtpPacket(RtpHeader Header, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Serialises header + payload into a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Header.Size + Payload.Length];
        int n = Header.WriteTo(bytes);
        Payload.Span.CopyTo(bytes.AsSpan(n));
        return bytes;
    }

    /// <summary>Parses an RTP packet without trusting any length in it. Returns false on anything malformed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> packet, out RtpPacket? parsed)
    {
        parsed = null;
        var span = packet.Span;
        if (span.Length < RtpHeader.FixedSize || (span[0] >> 6) != 2) return false;
        bool padding = (span[0] & 0x20) != 0;
        bool extension = (span[0] & 0x10) != 0;
        int csrcCount = span[0] & 0x0F;
        int offset = RtpHeader.FixedSize + 4 * csrcCount;
        if (offset > span.Length) return false;
        var csrcs = new uint[csrcCount];
        for (int i = 0; i < csrcCount; i++)
            csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(span[(RtpHeader.FixedSize + 4 * i)..]);

        ushort profile = 0;
        ReadOnlyMemory<byte> extData = default;
        if (extension)
        {
            if (offset + 4 > span.Length) return false;
            profile = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            int words = BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]);
            offset += 4;
            if ((long)offset + 4L * words > span.Length) return false;
            extData = packet.Slice(offset, 4 * words);
            offset += 4 * words;
        }

        int end = span.Length;
        if (padding)
        {
            int padLength = span[^1];
            if (padLength == 0 || end - padLength < offset) return false;
            end -= padLength;
        }

        var header = new RtpHeader
        {
            Padding = padding,
            Marker = (span[1] & 0x80) != 0,
            PayloadType = (byte)(span[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            Csrcs = csrcs,
            ExtensionProfile = profile,
            ExtensionData = extData,
        };
        parsed = new RtpPacket(header, packet[offset..end]);
        return true;
    }

    /// <summary>True if the first byte looks like RTP/RTCP version 2 and the payload type is not in the RTCP range 200..204 (RFC 5761 demux).</summary>
    public static bool LooksLikeRtp(ReadOnlySpan<byte> packet) =>
        packet.Length >= RtpHeader.FixedSize && (packet[0] >> 6) == 2 && packet[1] is not (>= 192 and <= 223);
}
