using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>A one-byte-form RTP header extension element (RFC 8285), e.g. the BUNDLE MID.</summary>
public readonly record struct RtpHeaderExtensionElement(byte Id, ReadOnlyMemory<byte> Value);

/// <summary>The fixed RTP header (RFC 3550 §5.1) plus what follows it up to the payload.</summary>
public sealed record RtpHeader
{
    public const int FixedSize = 12;

    public bool Padding { get; init; }
    public bool Marker { get; init; }
    public byte PayloadType { get; init; }
    public ushort SequenceNumber { get; init; }
    public uint Timestamp { get; init; }
    public uint Ssrc { get; init; }
    public IReadOnlyList<uint> Csrcs { get; init; } = [];

    /// <summary>Extension profile ("defined by profile"), 0 when the X bit is clear.</summary>
    public ushort ExtensionProfile { get; init; }
    /// <summary>Raw extension words (without the 4-byte extension header); empty when none.</summary>
    public ReadOnlyMemory<byte> ExtensionData { get; init; }

    public bool HasExtension => ExtensionProfile != 0 || !ExtensionData.IsEmpty;

    /// <summary>Bytes this header occupies on the wire.</summary>
    public int Size => FixedSize + 4 * Csrcs.Count + (HasExtension ? 4 + Pad4(ExtensionData.Length) : 0);

    /// <summary>Writes the header into <paramref name="destination"/>; returns the bytes written, or 0 if it does not fit.</summary>
    public int WriteTo(Span<byte> destination)
    {
        int size = Size;
        if (destination.Length < size || Csrcs.Count > 15) return 0;
        destination[0] = (byte)(0x80 | (Padding ? 0x20 : 0) | (HasExtension ? 0x10 : 0) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        int offset = FixedSize;
        foreach (uint csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }
        if (HasExtension)
        {
            int padded = Pad4(ExtensionData.Length);
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(padded / 4));
            offset += 4;
            ExtensionData.Span.CopyTo(destination[offset..]);
            destination.Slice(offset + ExtensionData.Length, padded - ExtensionData.Length).Clear();
            offset += padded;
        }
        return offset;
    }

    /// <summary>Builds one-byte-form extension data (profile 0xBEDE) from elements with ids 1..14 and 1..16-byte values.</summary>
    public static (ushort Profile, byte[] Data) BuildOneByteExtensions(IEnumerable<RtpHeaderExtensionElement> elements)
    {
        var bytes = new List<byte>();
        foreach (var e in elements)
        {
            if (e.Id is < 1 or > 14 || e.Value.Length is < 1 or > 16)
                throw new ArgumentException("one-byte header extensions need id 1..14 and a 1..16 byte value");
            bytes.Add((byte)((e.Id << 4) | (e.Value.Length - 1)));
            bytes.AddRange(e.Value.ToArray());
        }
        return (0xBEDE, bytes.ToArray());
    }

    /// <summary>Parses one-byte-form extension data; stops quietly at anything malformed.</summary>
    public IReadOnlyList<RtpHeaderExtensionElement> ParseOneByteExtensions()
    {
        var result = new List<RtpHeaderExtensionElement>();
        if (ExtensionProfile != 0xBEDE) return result;
        var data = ExtensionData;
        int i = 0;
        while (i < data.Length)
        {
            byte b = data.Span[i];
            if (b == 0) { i++; continue; } // padding
            int id = b >> 4, len = (b & 0x0F) + 1;
            if (id == 15 || i + 1 + len > data.Length) break;
            result.Add(new RtpHeaderExtensionElement((byte)id, data.Slice(i + 1, len)));
            i += 1 + len;
        }
        return result;
    }

    internal static int Pad4(int n) => (n + 3) & ~3;
}
