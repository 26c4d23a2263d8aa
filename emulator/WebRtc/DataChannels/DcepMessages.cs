using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HeyGenEmulator.WebRtc.DataChannels;

/// <summary>Channel type byte of DATA_CHANNEL_OPEN: high bit = unordered, low bits = reliability policy.</summary>
public enum DataChannelType : byte
{
    Reliable = 0x00,
    PartialReliableRexmit = 0x01,
    PartialReliableTimed = 0x02,
    ReliableUnordered = 0x80,
    PartialReliableRexmitUnordered = 0x81,
    PartialReliableTimedUnordered = 0x82,
}

/// <summary>DCEP message types (RFC 8832 §8.2.1).</summary>
public static class DcepMessageType
{
    public const byte Ack = 0x02;
    public const byte Open = 0x03;
}

/// <summary>
/// DATA_CHANNEL_OPEN (RFC 8832 §5.1): type 0x03, channel type, priority (2), reliability parameter (4),
/// label length (2), protocol length (2), label, protocol. All big-endian, strings UTF-8.
/// </summary>
public sealed record DataChannelOpen(DataChannelType ChannelType, ushort Priority, uint ReliabilityParameter, string Label, string Protocol)
{
    public const int HeaderSize = 12;

    public bool Ordered => ((byte)ChannelType & 0x80) == 0;

    /// <summary>Max retransmissions when the policy is rexmit; null for reliable or timed channels.</summary>
    public int? MaxRetransmits => ((byte)ChannelType & 0x7F) == 0x01 ? (int)Math.Min(ReliabilityParameter, int.MaxValue) : null;

    /// <summary>Max lifetime in ms when the policy is timed.</summary>
    public int? MaxPacketLifeTime => ((byte)ChannelType & 0x7F) == 0x02 ? (int)Math.Min(ReliabilityParameter, int.MaxValue) : null;

    public static DataChannelType TypeFor(bool ordered, int? maxRetransmits, int? maxPacketLifeTime)
    {
        byte policy = maxRetransmits is not null ? (byte)0x01 : maxPacketLifeTime is not null ? (byte)0x02 : (byte)0x00;
        return (DataChannelType)(policy | (ordered ? 0 : 0x80));
    }

    public byte[] Encode()
    {
        byte[] label = Encoding.UTF8.GetBytes(Label), protocol = Encoding.UTF8.GetBytes(Protocol);
        var buffer = new byte[HeaderSize + label.Length + protocol.Length];
        buffer[0] = DcepMessageType.Open;
        buffer[1] = (byte)ChannelType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), Priority);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), ReliabilityParameter);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(8), (ushort)label.Length);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), (ushort)protocol.Length);
        label.CopyTo(buffer, HeaderSize);
        protocol.CopyTo(buffer, HeaderSize + label.Length);
        return buffer;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DataChannelOpen? open)
    {
        open = null;
        if (data.Length < HeaderSize || data[0] != DcepMessageType.Open) return false;
        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        if (HeaderSize + labelLength + protocolLength > data.Length) return false;
        open = new DataChannelOpen((DataChannelType)data[1], BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            Encoding.UTF8.GetString(data.Slice(HeaderSize, labelLength)),
            Encoding.UTF8.GetString(data.Slice(HeaderSize + labelLength, protocolLength)));
        return true;
    }

    public static byte[] EncodeAck() => [DcepMessageType.Ack];
}
