using System.Net;
using HeyGenEmulator.WebRtc.Stun;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Stun;

public class StunMessageTests
{
    [Fact]
    public void Rfc5769_request_parses_and_verifies()
    {
        var m = StunMessage.Parse(Rfc5769Vectors.Request);
        Assert.NotNull(m);
        Assert.Equal(StunMessageType.BindingRequest, m.Type);
        Assert.Equal(StunClass.Request, m.Class);
        Assert.Equal(StunConstants.BindingMethod, m.Method);
        Assert.Equal(Rfc5769Vectors.TransactionId, m.TransactionIdBytes);
        Assert.Equal(Rfc5769Vectors.Username, m.Username);
        Assert.Equal(0x6e0001ffu, m.Priority);
        Assert.Equal(0x932ff9b151263b36ul, m.IceControlled);
        Assert.Null(m.IceControlling);
        Assert.False(m.UseCandidate);
        Assert.True(m.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.False(m.VerifyMessageIntegrity("wrong-password"));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Rfc5769_ipv4_response_parses_and_verifies()
    {
        var m = StunMessage.Parse(Rfc5769Vectors.IPv4Response);
        Assert.NotNull(m);
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.XorMappedAddress);
        Assert.True(m.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Rfc5769_ipv6_response_parses_and_verifies()
    {
        var m = StunMessage.Parse(Rfc5769Vectors.IPv6Response);
        Assert.NotNull(m);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), m.XorMappedAddress);
        Assert.True(m.VerifyMessageIntegrity(Rfc5769Vectors.Password));
        Assert.True(m.VerifyFingerprint());
    }

    [Theory]
    [InlineData("192.0.2.1", 32853, true)]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677", 32853, false)]
    public void Builder_reproduces_rfc5769_response_bytes(string ip, int port, bool v4)
    {
        var expected = v4 ? Rfc5769Vectors.IPv4Response : Rfc5769Vectors.IPv6Response;
        var mapped = new IPEndPoint(IPAddress.Parse(ip), port);

        // The RFC pads SOFTWARE with a space where we pad with zero, so compare our XOR-MAPPED-ADDRESS encoding
        // and our integrity/fingerprint computations against the RFC's bytes piece by piece.
        var built = new StunMessageBuilder(StunMessageType.BindingSuccess, Rfc5769Vectors.TransactionId)
            .AddXorMappedAddress(mapped).ToArray();
        int xorLength = v4 ? 12 : 24;
        Assert.Equal(Convert.ToHexString(expected.AsSpan(36, xorLength)), Convert.ToHexString(built.AsSpan(20, xorLength)));

        int mi = 36 + xorLength;
        var mac = new byte[20];
        StunIntegrity.ComputeHmac(expected.AsSpan(0, mi), System.Text.Encoding.UTF8.GetBytes(Rfc5769Vectors.Password), mac);
        Assert.Equal(Convert.ToHexString(expected.AsSpan(mi + 4, 20)), Convert.ToHexString(mac));
        uint fp = StunIntegrity.ComputeFingerprint(expected.AsSpan(0, mi + 24));
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(expected.AsSpan(mi + 28)), fp);
    }

    [Fact]
    public void Built_request_round_trips_with_integrity_and_fingerprint()
    {
        var tid = StunMessageBuilder.NewTransactionId();
        var bytes = new StunMessageBuilder(StunMessageType.BindingRequest, tid)
            .AddUsername("abcd:efgh")
            .AddPriority(2130706431)
            .AddIceControlling(0x0102030405060708)
            .AddUseCandidate()
            .AddMessageIntegrity("a-password-of-22-chars!")
            .AddFingerprint()
            .ToArray();
        var m = StunMessage.Parse(bytes);
        Assert.NotNull(m);
        Assert.Equal(tid, m.TransactionIdBytes);
        Assert.Equal("abcd:efgh", m.Username);
        Assert.Equal(2130706431u, m.Priority);
        Assert.Equal(0x0102030405060708ul, m.IceControlling);
        Assert.True(m.UseCandidate);
        Assert.True(m.VerifyMessageIntegrity("a-password-of-22-chars!"));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Error_code_round_trips()
    {
        var bytes = new StunMessageBuilder(StunMessageType.BindingError, StunMessageBuilder.NewTransactionId())
            .AddErrorCode(487, "Role Conflict").AddFingerprint().ToArray();
        var m = StunMessage.Parse(bytes)!;
        Assert.Equal(StunClass.ErrorResponse, m.Class);
        Assert.Equal(new StunErrorCode(487, "Role Conflict"), m.ErrorCode);
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Message_type_packing_matches_known_values()
    {
        Assert.Equal(0x0001, StunMessageType.Compose(1, StunClass.Request));
        Assert.Equal(0x0011, StunMessageType.Compose(1, StunClass.Indication));
        Assert.Equal(0x0101, StunMessageType.Compose(1, StunClass.SuccessResponse));
        Assert.Equal(0x0111, StunMessageType.Compose(1, StunClass.ErrorResponse));
        Assert.Equal(0x0003, StunMessageType.Method(0x0113));
    }

    [Fact]
    public void Any_flipped_bit_breaks_integrity_or_fingerprint_or_parsing()
    {
        var original = Rfc5769Vectors.Request;
        for (int i = 0; i < original.Length * 8; i++)
        {
            var copy = (byte[])original.Clone();
            copy[i / 8] ^= (byte)(1 << (i % 8));
            var m = StunMessage.Parse(copy);
            if (m is null) continue;
            Assert.False(m.VerifyFingerprint() && m.VerifyMessageIntegrity(Rfc5769Vectors.Password), $"bit {i}");
        }
    }

    [Fact]
    public void Truncations_and_extensions_are_rejected_without_throwing()
    {
        var original = Rfc5769Vectors.Request;
        for (int n = 0; n < original.Length; n++)
            Assert.Null(StunMessage.Parse(original.AsSpan(0, n)));
        var longer = original.Concat(new byte[] { 0, 0, 0, 0 }).ToArray();
        Assert.Null(StunMessage.Parse(longer));
    }

    [Fact]
    public void Attribute_length_beyond_message_is_rejected()
    {
        var bytes = Rfc5769Vectors.Hex("00010008 2112a442 b7e7a701 bc34d686 fa87dfae 00060040 61626364");
        Assert.Null(StunMessage.Parse(bytes));
    }

    [Fact]
    public void Attribute_after_fingerprint_is_rejected()
    {
        var bytes = new StunMessageBuilder(StunMessageType.BindingRequest, StunMessageBuilder.NewTransactionId())
            .AddFingerprint().AddUsername("a:b").ToArray();
        Assert.Null(StunMessage.Parse(bytes));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 20000; i++)
        {
            var buf = new byte[rng.Next(0, 120)];
            rng.NextBytes(buf);
            if (i % 2 == 0 && buf.Length >= 20)
            {
                // Make half of them pass the header checks so the attribute walker gets exercised.
                buf[0] &= 0x3F;
                buf[2] = 0;
                buf[3] = (byte)((buf.Length - 20) & ~3);
                Array.Resize(ref buf, 20 + buf[3]);
                buf[4] = 0x21; buf[5] = 0x12; buf[6] = 0xa4; buf[7] = 0x42;
            }
            var m = StunMessage.Parse(buf);
            if (m is null) continue;
            _ = m.Username; _ = m.Priority; _ = m.XorMappedAddress; _ = m.ErrorCode;
            _ = m.IceControlling; _ = m.VerifyFingerprint(); _ = m.VerifyMessageIntegrity("x");
        }
    }

    [Fact]
    public void Crc32_matches_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }
}
