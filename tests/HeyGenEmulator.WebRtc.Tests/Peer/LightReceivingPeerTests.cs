using HeyGenEmulator.WebRtc.Peer;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>The benchmark's light receiving peer against a real engine on loopback UDP: answer, ICE, DTLS, SRTP, frames.</summary>
public class LightReceivingPeerTests
{
    private sealed class SyntheticSource : IPeerMediaSource
    {
        private readonly byte[] _frame = new byte[3000]; // three RTP packets per frame

        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
        {
            frame = _frame;
            isKeyFrame = true;
            return true;
        }

        public ReadOnlyMemory<byte> NextAudioPacket() => new byte[] { 0xF8, 0xFF, 0xFE };
        public void RequestKeyFrame() { }
    }

    [Fact]
    public async Task One_session_end_to_end_over_loopback_receives_frames_and_audio_at_the_paced_rate()
    {
        await using var session = await LoopbackSession.ConnectAsync(new SyntheticSource());
        var (engine, peer, light) = (session.Engine, session.Peer, session.Light);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (light.VideoFrames < 5 && DateTime.UtcNow < deadline) await Task.Delay(20);
        light.ResetStats();
        var window = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(1000);
        var frames = light.FramesSinceReset;
        var seconds = window.Elapsed.TotalSeconds;

        Assert.True(light.VideoFrames >= 5, $"frames: {light.VideoFrames}");
        Assert.True(light.AudioPackets > 0, $"audio packets: {light.AudioPackets}");
        Assert.Equal(0, light.UnprotectFailures);
        Assert.True(light.FirstFrameTicks > 0);
        // 25 fps, over the window actually measured (a loaded machine oversleeps the delay); generous bounds.
        Assert.InRange(frames / seconds, 15, 35);
        Assert.NotEmpty(light.FrameIntervalsMs());
        Assert.Equal(1, engine.StreamingPeers);

        peer.Close("test over");
        Assert.Equal(0, engine.MuxEndpoints);
    }
}
