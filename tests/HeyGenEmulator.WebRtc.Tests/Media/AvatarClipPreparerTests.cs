using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

[Collection(MediaCollection.Name)]
public class AvatarClipPreparerTests(MediaFixture fixture)
{
    [Fact]
    public void Vp8ClipReadsBackAsTwoSecondsStartingWithKeyFrame()
    {
        var ivf = IvfReader.Read(fixture.Vp8.IdlePath);
        Assert.Equal("VP80", ivf.FourCc);
        Assert.Equal((640, 360), (ivf.Width, ivf.Height));
        Assert.InRange(ivf.Frames.Count, 48, 52);
        Assert.True(ivf.Frames[0].IsKeyFrame);
        Assert.All(ivf.Frames.Skip(1).Take(40), f => Assert.False(f.IsKeyFrame));

        var talking = fixture.Vp8.LoadTalking();
        Assert.InRange(talking.Frames.Count, 48, 52);
        Assert.True(talking.Frames[0].IsKeyFrame);
        Assert.Equal(TimeSpan.FromMilliseconds(40), talking.FrameDuration);
    }

    [Fact]
    public void H264ClipFirstAccessUnitHasSpsPpsIdr()
    {
        var units = AnnexBReader.ReadAccessUnits(fixture.H264.IdlePath);
        Assert.InRange(units.Count, 48, 52);
        Assert.True(units[0].HasSps);
        Assert.True(units[0].HasPps);
        Assert.True(units[0].IsIdr);
        Assert.All(units.Skip(1), u => Assert.False(u.IsIdr));
        Assert.All(units, u => Assert.Single(u.NalTypes, t => t is 1 or 5)); // one slice per picture

        // Through the packetiser: the IDR goes out as SPS, PPS, then the slice, marker on the AU's last packet.
        var packetizer = new H264Packetizer();
        var first = packetizer.Packetize(units[0].Data);
        Assert.Equal(7, first[0].Payload[0] & 0x1F);
        Assert.Equal(8, first[1].Payload[0] & 0x1F);
        Assert.True(first[^1].Marker);
        Assert.Single(first, c => c.Marker);
        foreach (var u in units.Skip(1))
        {
            var chunks = packetizer.Packetize(u.Data);
            Assert.Single(chunks, c => c.Marker);
            Assert.True(chunks[^1].Marker);
        }
    }

    [Fact]
    public async Task IdleAndTalkingLoopsLookDifferent()
    {
        // frame 3 of talking: mouth wide open (sin(pi*0.12*4) ≈ 1)
        var idle = await FfmpegProbe.ThumbnailAsync(fixture.Vp8.IdlePath, 3);
        var talking = await FfmpegProbe.ThumbnailAsync(fixture.Vp8.TalkingPath, 3);
        Assert.Equal(64 * 36, idle.Length);
        double diff = idle.Zip(talking, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(diff > 3, $"mean grey difference {diff}");

        // the talking mouth moves: frame 3 (open) differs from frame 6 (nearly closed)
        var closed = await FfmpegProbe.ThumbnailAsync(fixture.Vp8.TalkingPath, 6);
        Assert.True(talking.Zip(closed, (a, b) => Math.Abs(a - b)).Max() > 40);
    }

    [Fact]
    public async Task SecondCallIsACacheHitWithoutFfmpeg()
    {
        var mtime = File.GetLastWriteTimeUtc(fixture.Vp8.IdlePath);
        var tools = MediaFixture.NewTools();
        var again = await new AvatarClipPreparer(fixture.CacheDirectory, tools)
            .PrepareAsync(MediaFixture.SmallRequest("Anna", VideoCodec.Vp8));
        Assert.True(again.FromCache);
        Assert.Equal(0, tools.ProcessesStarted);
        Assert.Equal(fixture.Vp8.IdlePath, again.IdlePath);
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(again.IdlePath));
        Assert.False(fixture.Vp8.FromCache);
        Assert.Contains(fixture.Progress, p => p.Contains("done", StringComparison.Ordinal));

        Assert.NotEqual(fixture.Vp8.CacheKey, fixture.H264.CacheKey);
        Assert.NotEqual(fixture.Vp8.CacheKey,
            AvatarClipPreparer.CacheKey(MediaFixture.SmallRequest("Bob", VideoCodec.Vp8)));
    }

    [Fact]
    public async Task ConcurrentCallersEncodeOnceAndAwkwardNamesAreSafe()
    {
        var tools = MediaFixture.NewTools();
        var preparer = new AvatarClipPreparer(fixture.CacheDirectory, tools);
        var request = new AvatarClipRequest("O'Brien: 100% \"real\", [x]; \\n", AvatarQuality.Low, VideoCodec.H264)
            { IdleSeconds = 0.4, TalkingSeconds = 0.4 };
        var results = await Task.WhenAll(preparer.PrepareAsync(request), preparer.PrepareAsync(request));
        Assert.Equal(2, tools.ProcessesStarted); // idle + talking, once
        Assert.Single(results, r => !r.FromCache);
        Assert.Equal(10, AnnexBReader.ReadAccessUnits(results[0].TalkingPath).Count);
    }

    [Fact]
    public async Task UserVideoIsScaledLoopedAndSplit()
    {
        string source = Path.Combine(fixture.CacheDirectory, "source.mp4");
        var make = await fixture.Tools.RunAsync(fixture.Tools.FfmpegPath,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=1.2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", source,
        ]);
        Assert.True(make.Succeeded, make.StandardErrorTail);

        var prepared = await new AvatarClipPreparer(fixture.CacheDirectory, MediaFixture.NewTools()).PrepareAsync(
            new AvatarClipRequest("User", AvatarQuality.Low, VideoCodec.Vp8) { SourceVideoPath = source, IdleSeconds = 1, TalkingSeconds = 1 });
        var idle = IvfReader.Read(prepared.IdlePath);
        var talking = IvfReader.Read(prepared.TalkingPath);
        Assert.Equal((640, 360), (idle.Width, idle.Height));
        Assert.InRange(idle.Frames.Count, 24, 26);
        Assert.InRange(talking.Frames.Count, 24, 26); // 0.2 s left in the file, the rest wraps round
        Assert.True(talking.Frames[0].IsKeyFrame);
    }
}
