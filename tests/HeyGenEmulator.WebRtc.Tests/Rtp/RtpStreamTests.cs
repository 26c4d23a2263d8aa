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

        var sent = new List<byte[]>();
        foreach (var frame in idleClip.Concat(talkingClip).Concat(idleClip))
            stream.Send(vp8, frame, TimeSpan.FromMilliseconds(40), bytes => sent.Add(bytes.ToArray()));
        var parsed = sent.Select(Parse).ToList();

        for (int i = 1; i < parsed.Count; i++)
            Assert.Equal(unchecked((ushort)(parsed[i - 1].Header.SequenceNumber + 1)), parsed[i].Header.SequenceNumber);
        var frameTimestamps = parsed.Select(p => p.Header.Timestamp).Distinct().ToList();
        Assert.Equal(8, frameTimestamps.Count);
        for (int i = 1; i < frameTimestamps.Count; i++)
            Assert.Equal(3600u, unchecked(frameTimestamps[i] - frameTimestamps[i - 1]));
        Assert.Equal(8, parsed.Count(p => p.Header.Marker));
        Assert.Equal((uint)sent.Count, stream.PacketCount);

        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal(0x1234u, parsed[i].Header.Ssrc);
            Assert.Equal(96, parsed[i].Header.PayloadType);
            // The history keeps its own copy: the stream reuses its buffer for the next packet.
            Assert.True(history.TryGet(parsed[i].Header.SequenceNumber, out var stored));
            Assert.Equal(sent[i], stored);
        }
    }

    [Fact]
    public void OpusAdvances960Per20Ms()
    {
        var stream = new RtpStream(1, 111, 48_000, initialTimestamp: 0);
        var opus = new OpusPacketizer();
        stream.Send(opus, new byte[] { 0xF8, 0xFF, 0xFE }, TimeSpan.FromMilliseconds(20), _ => { });
        var sent = new List<byte[]>();
        stream.Send(opus, new byte[] { 0xF8, 0xFF, 0xFE }, TimeSpan.FromMilliseconds(20), bytes => sent.Add(bytes.ToArray()));
        var p = Parse(Assert.Single(sent));
        Assert.Equal(960u, p.Header.Timestamp);
        Assert.False(p.Header.Marker);
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
        var sent = new List<byte[]>();
        stream.Send(new Vp8Packetizer(), new byte[] { 1 }, TimeSpan.FromMilliseconds(40), bytes => sent.Add(bytes.ToArray()));
        var parsed = Parse(sent[0]);
        Assert.Equal(9, parsed.Header.ParseOneByteExtensions().Single().Id);
        Assert.Equal(new byte[] { 0x10, 1 }, parsed.Payload.ToArray());
    }

    private static RtpPacket Parse(byte[] bytes)
    {
        Assert.True(RtpPacket.TryParse(bytes, out var parsed));
        return parsed!;
    }
}
