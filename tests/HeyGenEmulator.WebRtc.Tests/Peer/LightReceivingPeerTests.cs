using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Testing;
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
        // Frame timestamps as sent (the marker packet ends a frame): the pacing is on the media timeline, which a
        // loaded machine cannot bend. How fast frames arrive on the wall clock is the benchmark's business.
        var frameTimestamps = new System.Collections.Concurrent.ConcurrentQueue<uint>();
        light.VideoPacketReceived += rtp =>
        {
            if ((rtp[1] & 0x80) != 0) frameTimestamps.Enqueue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(rtp.AsSpan(4)));
        };
        await Poll.Until(() => frameTimestamps.Count >= 25, "25 frames");

        Assert.True(light.AudioPackets > 0, $"audio packets: {light.AudioPackets}");
        Assert.Equal(0, light.UnprotectFailures);
        Assert.True(light.FirstFrameTicks > 0);
        Assert.NotEmpty(light.FrameIntervalsMs());
        // 25 fps on the 90 kHz clock: 3600 ticks from each frame to the next. A stall of over 500 ms makes the pacer
        // skip time (never frames), so a step may be a larger multiple of 3600 — once, not routinely.
        var ts = frameTimestamps.Take(25).ToArray();
        var steps = ts.Zip(ts.Skip(1), (a, b) => unchecked(b - a)).ToArray();
        Assert.All(steps, step => Assert.True(step > 0 && step % 3600 == 0, $"timestamp step {step}"));
        Assert.True(steps.Count(step => step == 3600) >= steps.Length - 2, $"steps: {string.Join(",", steps)}");
        Assert.Equal(1, engine.StreamingPeers);

        peer.Close("test over");
        Assert.Equal(0, engine.MuxEndpoints);
    }
}
