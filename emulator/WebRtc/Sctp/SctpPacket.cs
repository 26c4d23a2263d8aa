using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>An SCTP packet: common header plus chunks (RFC 9260 §3).</summary>
public sealed record SctpPacket(ushort SourcePort, ushort DestinationPort, uint VerificationTag, IReadOnlyList<SctpChunk> Chunks)
{
    public const int HeaderSize = 12;

    /// <summary>
    /// Parses and checks a packet. Never throws: any length that does not fit, a bad checksum or a
    /// packet without chunks yields false.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SctpPacket? packet)
    {
        packet = null;
        if (data.Length < HeaderSize + SctpChunk.HeaderSize || !SctpCrc32c.VerifyPacketChecksum(data)) return false;

        var chunks = new List<SctpChunk>();
        int offset = HeaderSize;
        while (offset < data.Length)
        {
            if (data.Length - offset < SctpChunk.HeaderSize) return false;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (length < SctpChunk.HeaderSize || length > data.Length - offset) return false;
            chunks.Add(new SctpChunk(data[offset], data[offset + 1], data.Slice(offset + SctpChunk.HeaderSize, length - SctpChunk.HeaderSize).ToArray()));
            // The last chunk's padding may be missing; anything else must be padded to 4 bytes.
            offset = Math.Min(data.Length, offset + SctpChunk.Pad4(length));
        }

        packet = new SctpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(data),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            chunks);
        return true;
    }

    public int Length => HeaderSize + Chunks.Sum(c => c.PaddedLength);

    /// <summary>Serialises the packet and writes its CRC32c (little-endian).</summary>
    public byte[] ToArray()
    {
        var buffer = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), VerificationTag);
        int offset = HeaderSize;
        foreach (var chunk in Chunks)
        {
            buffer[offset] = chunk.Type;
            buffer[offset + 1] = chunk.Flags;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset + 2), (ushort)(SctpChunk.HeaderSize + chunk.Value.Length));
            chunk.Value.CopyTo(buffer.AsSpan(offset + SctpChunk.HeaderSize));
            offset += chunk.PaddedLength;
        }
        SctpCrc32c.WritePacketChecksum(buffer);
        return buffer;
    }
}
