using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

public class RtpStreamTests
{
    [Fact]
    public void SequenceAndTimestampStayContinuousAcrossClips()
    {
        var history = new RetransmissionHistory(512);
        var stream = new RtpStream(0x1234, 96, 90_000, history, initialSequenceNumber: 65534, initialTimestamp: uint.MaxValue - 3600);
        var vp8 = new Vp8Packetizer();
        var idleClip = new[] { new byte[2000], new byte[100], new byte[100] };
        var talkingClip = new[] { new byte[3000], new byte[200] };

        var sent = new List<RtpOutgoingPacket>();
        foreach (var frame in idleClip.Concat(talkingClip).Concat(idleClip))
            sent.AddRange(stream.Packetize(vp8, frame, TimeSpan.FromMilliseconds(40)));

        for (int i = 1; i < sent.Count; i++)
            Assert.Equal(unchecked((ushort)(sent[i - 1].SequenceNumber + 1)), sent[i].SequenceNumber);
        var frameTimestamps = sent.Select(p => p.Timestamp).Distinct().ToList();
        Assert.Equal(8, frameTimestamps.Count);
        for (int i = 1; i < frameTimestamps.Count; i++)
            Assert.Equal(3600u, unchecked(frameTimestamps[i] - frameTimestamps[i - 1]));
        Assert.Equal(8, sent.Count(p => p.Marker));
        Assert.Equal((uint)sent.Count, stream.PacketCount);

        foreach (var p in sent)
        {
            Assert.True(RtpPacket.TryParse(p.Bytes, out var parsed));
            Assert.Equal(0x1234u, parsed!.Header.Ssrc);
            Assert.Equal(96, parsed.Header.PayloadType);
            Assert.Equal(p.Marker, parsed.Header.Marker);
            Assert.True(history.TryGet(p.SequenceNumber, out var stored));
            Assert.Same(p.Bytes, stored);
        }
    }

    [Fact]
    public void OpusAdvances960Per20Ms()
    {
        var stream = new RtpStream(1, 111, 48_000, initialTimestamp: 0);
        var opus = new OpusPacketizer();
        stream.Packetize(opus, new byte[] { 0xF8, 0xFF, 0xFE }, TimeSpan.FromMilliseconds(20));
        var p = Assert.Single(stream.Packetize(opus, new byte[] { 0xF8, 0xFF, 0xFE }, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(960u, p.Timestamp);
        Assert.False(p.Marker);
        Assert.Equal(960, OpusPacketizer.SamplesPerPacket(new byte[] { 0xF8, 0xFF, 0xFE }));
        Assert.Equal(6u, stream.OctetCount);
    }

    [Fact]
    public void HistoryForgetsOverwrittenPackets()
    {
        var h = new RetransmissionHistory(4);
        for (ushort s = 0; s < 6; s++) h.Add(s, new[] { (byte)s });
        Assert.False(h.TryGet(0, out _));
        Assert.False(h.TryGet(1, out _));
        Assert.True(h.TryGet(5, out var p));
        Assert.Equal(5, p[0]);
        Assert.Equal(2, h.Lookup(new ushort[] { 1, 2, 3, 99 }).Count);
    }

    [Fact]
    public void AddsConfiguredHeaderExtension()
    {
        var stream = new RtpStream(1, 96, 90_000, headerExtensions: [new RtpHeaderExtensionElement(9, "v"u8.ToArray())]);
        var p = stream.Packetize(new Vp8Packetizer(), new byte[] { 1 }, TimeSpan.FromMilliseconds(40))[0];
        Assert.True(RtpPacket.TryParse(p.Bytes, out var parsed));
        Assert.Equal(9, parsed!.Header.ParseOneByteExtensions().Single().Id);
        Assert.Equal(new byte[] { 0x10, 1 }, parsed.Payload.ToArray());
    }
}
