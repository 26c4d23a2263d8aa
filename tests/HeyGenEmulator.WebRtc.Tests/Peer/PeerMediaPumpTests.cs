using System.Diagnostics;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Sdp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

public class PeerMediaPumpTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    /// <summary>Two 3-frame "clips" (key frame first); switching restarts at the other clip's key frame.</summary>
    private sealed class FakeSource : IPeerMediaSource
    {
        public bool Talking;
        public bool VideoReady = true;
        public int KeyFrameRequests;
        private int _position;
        private bool _wasTalking;
        public readonly List<(bool Talking, int Index)> Served = new();

        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
        {
            frame = default;
            isKeyFrame = false;
            if (!VideoReady) return false;
            if (Talking != _wasTalking) { _position = 0; _wasTalking = Talking; }
            if (_position == 3) _position = 0; // loop restart
            int index = _position++;
            isKeyFrame = index == 0;
            // VP8: bit 0 of the first byte clear = key frame; payload tags the clip and frame.
            frame = new byte[] { (byte)(isKeyFrame ? 0x10 : 0x11), (byte)(Talking ? 1 : 0), (byte)index, 0, 0 };
            Served.Add((Talking, index));
            return true;
        }

        public ReadOnlyMemory<byte> NextAudioPacket() => new byte[] { 0xF8, 0xFF, 0xFE };

        public void RequestKeyFrame()
        {
            KeyFrameRequests++;
            _position = 0;
        }
    }

    private static (PeerMediaPump Pump, List<RtpPacket> Video, List<RtpPacket> Audio) Create(FakeSource source)
    {
        var video = new List<RtpPacket>();
        var audio = new List<RtpPacket>();
        var config = new PeerMediaConfig { VideoCodec = SdpVideoCodec.Vp8, AudioSsrc = 1, VideoSsrc = 2 };
        var pump = new PeerMediaPump(source, config, 0, bytes =>
        {
            Assert.True(RtpPacket.TryParse(bytes.ToArray(), out var p));
            (p!.Header.Ssrc == 2 ? video : audio).Add(p);
        });
        return (pump, video, audio);
    }

    private static void AssertContinuous(List<RtpPacket> packets, uint step)
    {
        for (int i = 1; i < packets.Count; i++)
        {
            Assert.Equal((ushort)(packets[i - 1].Header.SequenceNumber + 1), packets[i].Header.SequenceNumber);
            Assert.Equal(packets[i - 1].Header.Timestamp + step, packets[i].Header.Timestamp);
        }
    }

    [Fact]
    public void Frames_and_audio_go_out_on_their_periods_with_continuous_numbers_across_loop_restarts_and_switches()
    {
        var source = new FakeSource();
        var (pump, video, audio) = Create(source);
        long next = 0;
        for (long t = 0; t <= 1000 * Ms; t += Ms) // 1 s of 1 ms ticks
        {
            if (t == 300 * Ms) source.Talking = true;
            if (t == 700 * Ms) source.Talking = false;
            if (t >= next) next = pump.Pump(t);
        }
        Assert.Equal(26, video.Count); // frames due at 0, 40, …, 1000 ms
        Assert.Equal(51, audio.Count); // packets due at 0, 20, …, 1000 ms
        AssertContinuous(video, 3600);
        AssertContinuous(audio, 960);
        Assert.All(video, p => Assert.True(p.Header.Marker)); // one packet per (tiny) frame
        Assert.Equal((false, 0), source.Served[0]);
        Assert.Contains((true, 0), source.Served);
        Assert.True(source.Served.Count(s => s.Index == 0) >= 4, "loops restarted");
        Assert.Equal(26, pump.VideoFramesSent);
        Assert.Equal(0, pump.VideoFramesLate);
    }

    [Fact]
    public void A_stall_skips_time_not_numbers_and_the_first_frame_after_it_is_on_the_wall_clock()
    {
        var source = new FakeSource();
        var (pump, video, audio) = Create(source);
        pump.Pump(0);
        pump.Pump(40 * Ms);
        // The pacing thread is stalled for 2 s (GC, CPU starvation).
        pump.Pump(2040 * Ms);
        Assert.Equal(3, video.Count);
        for (int i = 1; i < video.Count; i++)
            Assert.Equal((ushort)(video[i - 1].Header.SequenceNumber + 1), video[i].Header.SequenceNumber);
        Assert.Equal(video[0].Header.Timestamp + 2040 * 90, video[2].Header.Timestamp);
        Assert.Equal(audio[0].Header.Timestamp + 2040 * 48, audio[^1].Header.Timestamp);
        Assert.True(audio.Count <= 3 + 500 / 20 + 1, $"bounded catch-up burst, got {audio.Count}");
    }

    [Fact]
    public void Before_video_is_ready_audio_flows_and_video_time_advances_then_starts_on_a_key_frame()
    {
        var source = new FakeSource { VideoReady = false };
        var (pump, video, audio) = Create(source);
        pump.Pump(0);
        pump.Pump(40 * Ms);
        Assert.Empty(video);
        Assert.Equal(3, audio.Count);
        source.VideoReady = true;
        pump.Pump(80 * Ms);
        Assert.Single(video);
        Assert.Equal(1, source.KeyFrameRequests); // the first frame sent is asked to be a key frame
        Assert.Equal((false, 0), source.Served[0]);
        Assert.Equal(pump.Video.NextTimestamp - 3600, video[0].Header.Timestamp);
    }

    [Fact]
    public void A_key_frame_request_is_served_on_the_next_frame()
    {
        var source = new FakeSource();
        var (pump, video, _) = Create(source);
        pump.Pump(0);
        pump.Pump(40 * Ms);
        pump.RequestKeyFrame();
        pump.Pump(80 * Ms);
        Assert.Equal(2, source.KeyFrameRequests); // the initial one and ours
        Assert.Equal(0, source.Served[^1].Index);
        Assert.Equal(1, pump.KeyFramesRequested);
        // NACK support: every video packet sent is in the history.
        Assert.All(video, p => Assert.True(pump.VideoHistory.TryGet(p.Header.SequenceNumber, out _)));
    }

    [Fact]
    public void Schedule_reports_lateness_and_never_drifts()
    {
        var s = new PacingSchedule(TimeSpan.FromMilliseconds(40), 0);
        Assert.True(s.TryTake(0, out _, out _));
        Assert.False(s.TryTake(39 * Ms, out _, out _));
        Assert.True(s.TryTake(45 * Ms, out var late, out int skipped));
        Assert.Equal(0, skipped);
        Assert.InRange(late.TotalMilliseconds, 4.9, 5.1);
        Assert.Equal(80 * Ms, s.NextDue); // 40 ms after the previous due time, not after "now"
        Assert.True(s.TryTake(1000 * Ms, out _, out skipped));
        Assert.Equal(23, skipped); // 920 ms behind > 500 ms: jump to the latest due time
    }
}
