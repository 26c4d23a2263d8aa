using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

public class Vp8PacketizerTests
{
    [Fact]
    public void LargeFrameSplitsWithStartBitFirstAndMarkerLast()
    {
        var frame = new byte[5000];
        new Random(2).NextBytes(frame);
        var chunks = new Vp8Packetizer().Packetize(frame);

        Assert.Equal(5, chunks.Count); // 1187 data bytes per packet
        Assert.All(chunks, c => Assert.True(c.Payload.Length <= RtpDefaults.MaxPayloadSize));
        Assert.Equal(0x10, chunks[0].Payload[0]);
        Assert.All(chunks.Skip(1), c => Assert.Equal(0x00, c.Payload[0]));
        Assert.Equal([false, false, false, false, true], chunks.Select(c => c.Marker));
        Assert.Equal(frame, chunks.SelectMany(c => c.Payload.Skip(1)).ToArray());
    }

    [Fact]
    public void SmallFrameIsOnePacketWithStartAndMarker()
    {
        var chunk = Assert.Single(new Vp8Packetizer().Packetize(new byte[] { 1, 2, 3 }));
        Assert.Equal(new byte[] { 0x10, 1, 2, 3 }, chunk.Payload);
        Assert.True(chunk.Marker);
    }

    [Fact]
    public void HonoursConfiguredMaxPayload()
    {
        var chunks = new Vp8Packetizer(maxPayloadSize: 101).Packetize(new byte[1000]);
        Assert.Equal(10, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Payload.Length <= 101));
    }

    [Fact]
    public void DetectsKeyFrames()
    {
        Assert.True(Vp8Packetizer.IsKeyFrame(new byte[] { 0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a }));
        Assert.False(Vp8Packetizer.IsKeyFrame(new byte[] { 0x11, 0x02, 0x00 }));
        Assert.Empty(new Vp8Packetizer().Packetize(ReadOnlySpan<byte>.Empty));
    }
}
