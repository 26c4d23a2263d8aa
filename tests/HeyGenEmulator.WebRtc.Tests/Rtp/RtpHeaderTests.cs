using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

public class RtpHeaderTests
{
    [Fact]
    public void WritesAndParsesFixedHeader()
    {
        var header = new RtpHeader { Marker = true, PayloadType = 96, SequenceNumber = 0xABCD, Timestamp = 0x01020304, Ssrc = 0xDEADBEEF };
        var packet = new RtpPacket(header, new byte[] { 9, 8, 7 }).ToArray();
        Assert.Equal(new byte[] { 0x80, 0xE0, 0xAB, 0xCD, 1, 2, 3, 4, 0xDE, 0xAD, 0xBE, 0xEF, 9, 8, 7 }, packet);

        Assert.True(RtpPacket.TryParse(packet, out var parsed));
        Assert.True(parsed!.Header.Marker);
        Assert.Equal(96, parsed.Header.PayloadType);
        Assert.Equal(0xABCD, parsed.Header.SequenceNumber);
        Assert.Equal(0x01020304u, parsed.Header.Timestamp);
        Assert.Equal(0xDEADBEEFu, parsed.Header.Ssrc);
        Assert.Equal(new byte[] { 9, 8, 7 }, parsed.Payload.ToArray());
    }

    [Fact]
    public void RoundTripsCsrcsExtensionAndPadding()
    {
        var (profile, data) = RtpHeader.BuildOneByteExtensions([new RtpHeaderExtensionElement(3, "0"u8.ToArray())]);
        var header = new RtpHeader { PayloadType = 111, Csrcs = [1, 2], ExtensionProfile = profile, ExtensionData = data };
        var bytes = new RtpPacket(header, new byte[] { 5 }).ToArray();
        Assert.Equal(12 + 8 + 8 + 1, bytes.Length);
        Assert.True(RtpPacket.TryParse(bytes, out var parsed));
        Assert.Equal([1u, 2u], parsed!.Header.Csrcs);
        var ext = Assert.Single(parsed.Header.ParseOneByteExtensions());
        Assert.Equal(3, ext.Id);
        Assert.Equal("0"u8.ToArray(), ext.Value.ToArray());
        Assert.Equal(new byte[] { 5 }, parsed.Payload.ToArray());

        // padding: 3 bytes of padding, last byte says 3
        var padded = new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 42, 0, 0, 3 };
        Assert.True(RtpPacket.TryParse(padded, out var p2));
        Assert.Equal(new byte[] { 42 }, p2!.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 96, 0, 1 })]
    [InlineData(new byte[] { 0x40, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })] // version 1
    [InlineData(new byte[] { 0x8F, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })] // 15 CSRCs claimed, none present
    [InlineData(new byte[] { 0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0xFF, 0xFF })] // extension overruns
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 200 })] // padding longer than packet
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0 })] // zero padding length
    public void RejectsMalformedPackets(byte[] bytes)
    {
        Assert.False(RtpPacket.TryParse(bytes, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void NeverThrowsOnRandomInput()
    {
        var rng = new Random(1);
        for (int i = 0; i < 5000; i++)
        {
            var b = new byte[rng.Next(0, 40)];
            rng.NextBytes(b);
            if (b.Length > 0) b[0] = (byte)(0x80 | (b[0] & 0x3F));
            _ = RtpPacket.TryParse(b, out _);
        }
    }
}
