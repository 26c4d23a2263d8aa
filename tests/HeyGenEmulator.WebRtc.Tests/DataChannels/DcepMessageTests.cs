using HeyGenEmulator.WebRtc.DataChannels;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.DataChannels;

public class DcepMessageTests
{
    [Fact]
    public void Open_for_lossy_channel_has_the_exact_rfc8832_layout()
    {
        var open = new DataChannelOpen(DataChannelOpen.TypeFor(ordered: false, maxRetransmits: 0, maxPacketLifeTime: null), 0, 0, "_lossy", "");
        byte[] expected =
        [
            0x03,                   // DATA_CHANNEL_OPEN
            0x81,                   // partial reliable rexmit, unordered
            0x00, 0x00,             // priority
            0x00, 0x00, 0x00, 0x00, // reliability parameter: 0 retransmits
            0x00, 0x06,             // label length
            0x00, 0x00,             // protocol length
            (byte)'_', (byte)'l', (byte)'o', (byte)'s', (byte)'s', (byte)'y',
        ];
        Assert.Equal(expected, open.Encode());
    }

    [Fact]
    public void Open_for_reliable_channel_with_protocol_round_trips()
    {
        var open = new DataChannelOpen(DataChannelType.Reliable, 256, 0, "_reliable", "json");
        var bytes = open.Encode();
        Assert.Equal(0x00, bytes[1]);
        Assert.Equal(new byte[] { 0x00, 0x09, 0x00, 0x04 }, bytes[8..12]);
        Assert.True(DataChannelOpen.TryParse(bytes, out var back));
        Assert.Equal(open, back);
        Assert.True(back.Ordered);
        Assert.Null(back.MaxRetransmits);
    }

    [Fact]
    public void Truncated_open_is_rejected()
    {
        var bytes = new DataChannelOpen(DataChannelType.Reliable, 0, 0, "label", "p").Encode();
        Assert.False(DataChannelOpen.TryParse(bytes.AsSpan(..^1), out _));
        Assert.False(DataChannelOpen.TryParse(bytes.AsSpan(..5), out _));
    }

    [Fact]
    public void Ack_is_a_single_byte()
    {
        Assert.Equal(new byte[] { 0x02 }, DataChannelOpen.EncodeAck());
    }
}
