using System.Buffers.Binary;
using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>Real clips → our packetisers (small packets to force FU-A / many VP8 fragments) → depacketised → ffmpeg decodes every frame.</summary>
[Collection(MediaCollection.Name)]
public class RtpRoundTripDecodeTests(MediaFixture fixture)
{
    private static List<RtpPacket> Send(IRtpPacketizer packetizer, IEnumerable<byte[]> frames)
    {
        var stream = new RtpStream(42, 96, 90_000);
        var parsed = new List<RtpPacket>();
        foreach (var f in frames)
            stream.Send(packetizer, f, TimeSpan.FromMilliseconds(40), bytes =>
            {
                Assert.True(RtpPacket.TryParse(bytes.ToArray(), out var rtp));
                parsed.Add(rtp!);
            });
        return parsed;
    }

    private static async Task<int> CountDecodedFrames(string path, byte[] bytes)
    {
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var gray = await FfmpegProbe.DecodeAsync(path, "-vf", "scale=16:9", "-f", "rawvideo", "-pix_fmt", "gray");
            return gray.Length / (16 * 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task H264ThroughFuAStillDecodes()
    {
        var units = AnnexBReader.ReadAccessUnits(fixture.H264.IdlePath);
        var packets = Send(new H264Packetizer(maxPayloadSize: 300), units.Select(u => u.Data));
        Assert.Contains(packets, p => (p.Payload.Span[0] & 0x1F) == 28);

        var annexB = new MemoryStream();
        foreach (var p in packets)
        {
            var pl = p.Payload.Span;
            if ((pl[0] & 0x1F) == 28)
            {
                if ((pl[1] & 0x80) != 0) { annexB.Write([0, 0, 0, 1, (byte)((pl[0] & 0xE0) | (pl[1] & 0x1F))]); }
                annexB.Write(pl[2..]);
            }
            else { annexB.Write([0, 0, 0, 1]); annexB.Write(pl); }
        }
        Assert.Equal(units.Count, packets.Count(p => p.Header.Marker));
        string path = Path.Combine(Path.GetTempPath(), $"heygen-rt-{Guid.NewGuid():N}.h264");
        Assert.Equal(units.Count, await CountDecodedFrames(path, annexB.ToArray()));
    }

    [Fact]
    public async Task Vp8ThroughSmallPacketsStillDecodes()
    {
        var frames = IvfReader.Read(fixture.Vp8.IdlePath).Frames;
        var packets = Send(new Vp8Packetizer(maxPayloadSize: 200), frames.Select(f => f.Data));

        var ivf = new MemoryStream();
        var header = new byte[32];
        "DKIF"u8.CopyTo(header);
        header[6] = 32;
        "VP80"u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 640);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 360);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 25);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        ivf.Write(header);
        var frame = new MemoryStream();
        long pts = 0;
        foreach (var p in packets)
        {
            Assert.Equal(frame.Length == 0, (p.Payload.Span[0] & 0x10) != 0); // S bit exactly on frame starts
            frame.Write(p.Payload.Span[1..]);
            if (!p.Header.Marker) continue;
            var fh = new byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(fh, (uint)frame.Length);
            BinaryPrimitives.WriteInt64LittleEndian(fh.AsSpan(4), pts++);
            ivf.Write(fh);
            ivf.Write(frame.ToArray());
            frame.SetLength(0);
        }
        Assert.Equal(frames.Count, pts);
        string path = Path.Combine(Path.GetTempPath(), $"heygen-rt-{Guid.NewGuid():N}.ivf");
        Assert.Equal(frames.Count, await CountDecodedFrames(path, ivf.ToArray()));
    }
}
