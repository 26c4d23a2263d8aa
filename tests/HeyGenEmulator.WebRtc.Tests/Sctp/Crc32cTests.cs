using System.Buffers.Binary;
using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

public class Crc32cTests
{
    // RFC 3720 appendix B.4 (iSCSI). The RFC lists the CRC as the bytes that go on the wire, i.e. little-endian:
    // "32 bytes of zeroes: CRC aa 36 91 8a" is the value 0x8A9136AA.
    [Theory]
    [InlineData("zeros", 0x8A9136AAu)]
    [InlineData("ones", 0x62A8AB43u)]
    [InlineData("incrementing", 0x46DD794Eu)]
    [InlineData("decrementing", 0x113FDB5Cu)]
    public void Rfc3720_vectors(string pattern, uint expected)
    {
        var data = pattern switch
        {
            "zeros" => new byte[32],
            "ones" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
            "incrementing" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            _ => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        };
        Assert.Equal(expected, SctpCrc32c.Compute(data));
    }

    [Fact]
    public void Standard_check_value_of_123456789()
    {
        Assert.Equal(0xE3069283u, SctpCrc32c.Compute("123456789"u8));
    }

    [Fact]
    public void Packet_checksum_is_written_little_endian_over_the_packet_with_a_zeroed_field()
    {
        var bytes = new SctpPacket(5000, 5000, 0x01020304, [new SctpChunk(SctpChunkType.CookieAck, 0, [])]).ToArray();
        uint onWire = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var zeroed = (byte[])bytes.Clone();
        zeroed.AsSpan(8, 4).Clear();
        Assert.Equal(SctpCrc32c.Compute(zeroed), onWire);
        Assert.True(SctpCrc32c.VerifyPacketChecksum(bytes));
    }

    [Fact]
    public void A_big_endian_checksum_is_rejected()
    {
        var bytes = new SctpPacket(5000, 5000, 7, [new SctpChunk(SctpChunkType.CookieAck, 0, [])]).ToArray();
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), crc);
        Assert.False(SctpPacket.TryParse(bytes, out _));
    }
}
