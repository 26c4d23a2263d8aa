using System.Buffers.Binary;
using System.Collections.Concurrent;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Testing;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>The benchmark's light receiving peer against a real engine on loopback UDP: answer, ICE, DTLS, SRTP, frames.</summary>
public class LightReceivingPeerTests
{
    /// <summary>
    /// The rate is read off the media timeline, which a loaded machine cannot bend (an earlier wall-clock assertion
    /// flaked): each stream's RTP timestamps must step by one period (video 25 fps = 3600 ticks at 90 kHz, audio 20 ms
    /// = 960 ticks at 48 kHz), and over the same stretch of arrivals both streams must cover the same media time — a
    /// pacer that sends video frames faster or slower than their timestamps say makes video's timeline run away from
    /// audio's. A stall of over 500 ms makes the pacer skip time (never frames), so a step may be a larger multiple of
    /// the period: once or twice, not routinely.
    /// </summary>
    [Fact]
    public async Task One_session_end_to_end_over_loopback_receives_frames_and_audio_at_the_paced_rate()
    {
        const int Frames = 100; // 4 s of media: a catch-up burst at either end of the window moves audio by < 0.5 s
        await using var session = await LoopbackSession.ConnectAsync(new SyntheticSource());
        var (engine, peer, light) = (session.Engine, session.Peer, session.Light);
        // Arrival order matters for the cross-check, so both streams go into one queue. A frame ends with the marker bit.
        var arrivals = new ConcurrentQueue<(bool Video, uint Timestamp)>();
        var frames = 0;
        light.VideoPacketReceived += rtp =>
        {
            if ((rtp[1] & 0x80) == 0) return;
            arrivals.Enqueue((true, RtpTimestamp(rtp)));
            Interlocked.Increment(ref frames);
        };
        light.AudioPacketReceived += rtp => arrivals.Enqueue((false, RtpTimestamp(rtp)));
        await Poll.Until(() => Volatile.Read(ref frames) >= Frames, $"{Frames} frames", TimeSpan.FromSeconds(30));

        Assert.Equal(0, light.UnprotectFailures);
        Assert.True(light.FirstFrameTicks > 0);
        Assert.NotEmpty(light.FrameIntervalsMs());
        var events = arrivals.ToArray();
        var video = events.Where(e => e.Video).Take(Frames).Select(e => e.Timestamp).ToArray();
        var firstFrame = Array.FindIndex(events, e => e.Video);
        var lastFrame = Array.FindIndex(events, e => e.Video && e.Timestamp == video[^1]);
        var audio = events[firstFrame..lastFrame].Where(e => !e.Video).Select(e => e.Timestamp).ToArray();
        AssertPaced(video, 3600, "video");
        AssertPaced(audio, 960, "audio");
        double videoSeconds = unchecked(video[^1] - video[0]) / 90_000.0;
        double audioSeconds = unchecked(audio[^1] - audio[0]) / 48_000.0;
        Assert.True(audioSeconds > videoSeconds * 0.8 && audioSeconds < videoSeconds * 1.25,
            $"over the same arrivals video covered {videoSeconds:0.00} s of media and audio {audioSeconds:0.00} s");
        Assert.Equal(1, engine.StreamingPeers);

        peer.Close("test over");
        Assert.Equal(0, engine.MuxEndpoints);
    }

    private static uint RtpTimestamp(byte[] rtp) => BinaryPrimitives.ReadUInt32BigEndian(rtp.AsSpan(4));

    private static void AssertPaced(uint[] timestamps, uint period, string stream)
    {
        Assert.True(timestamps.Length > 10, $"{stream}: only {timestamps.Length} units");
        var steps = timestamps.Zip(timestamps.Skip(1), (a, b) => unchecked(b - a)).ToArray();
        Assert.All(steps, step => Assert.True(step > 0 && step % period == 0, $"{stream} timestamp step {step}, period {period}"));
        Assert.True(steps.Count(step => step == period) >= steps.Length - 2, $"{stream} steps: {string.Join(",", steps)}");
    }
}
