using System.Buffers.Binary;
using System.Numerics;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// CRC32c (Castagnoli) as SCTP uses it (RFC 9260 appendix A). The value goes on the wire
/// LITTLE-endian, unlike every other SCTP field; Chromium silently drops packets written big-endian.
/// </summary>
public static class SctpCrc32c
{
    public const int ChecksumOffset = 8;

    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>Checksum of a whole SCTP packet, treating its checksum field as zero (no copy needed).</summary>
    public static uint ComputePacket(ReadOnlySpan<byte> packet)
    {
        uint crc = Update(0xFFFFFFFFu, packet[..ChecksumOffset]);
        crc = BitOperations.Crc32C(crc, 0u);
        crc = Update(crc, packet[(ChecksumOffset + 4)..]);
        return ~crc;
    }

    public static void WritePacketChecksum(Span<byte> packet)
    {
        packet.Slice(ChecksumOffset, 4).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(packet[ChecksumOffset..], ComputePacket(packet));
    }

    public static bool VerifyPacketChecksum(ReadOnlySpan<byte> packet) =>
        packet.Length >= SctpPacket.HeaderSize
        && BinaryPrimitives.ReadUInt32LittleEndian(packet[ChecksumOffset..]) == ComputePacket(packet);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return crc;
    }
}
