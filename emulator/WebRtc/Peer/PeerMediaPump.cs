using System.Diagnostics;
using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.WebRtc.Peer;

/// <summary>
/// The sending half of one peer, without any network: two RTP streams (Opus, and VP8 or H.264), their packetisers
/// and schedules. <see cref="Pump"/> is called by the engine's single pacing thread and emits every unit that is due,
/// as plain RTP (the caller protects and sends), built in the streams' reused buffers. Sequence numbers and timestamps live in the <see cref="RtpStream"/>s,
/// so they stay continuous whatever the source does (loop restarts, idle/talking switches, video not ready yet).
/// </summary>
public sealed class PeerMediaPump
{
    public static readonly TimeSpan AudioPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long sent video packets are kept for NACKs. libwebrtc's sender keeps packets at least max(1 s, 3 × RTT);
    /// our receivers are on loopback or a LAN, so 1 s covers many NACK rounds while holding a few hundred KB per
    /// session at 720p instead of the ~1.2 MB that 1024 packets take.
    /// </summary>
    public static readonly TimeSpan RetransmissionHistoryMaxAge = TimeSpan.FromSeconds(1);
    private static readonly long LateThresholdTicks = Stopwatch.Frequency * 40 / 1000;

    private readonly IPeerMediaSource _source;
    private readonly IRtpPacketizer _videoPacketizer;
    private readonly OpusPacketizer _audioPacketizer = new();
    private readonly RtpPacketSender _send;
    private readonly uint _videoFrameUnits;
    private readonly uint _audioUnits;
    private readonly Action<TimeSpan>? _recordVideoLateness;
    private int _keyFrameRequested;

    public PeerMediaPump(IPeerMediaSource source, PeerMediaConfig config, long startTicks, RtpPacketSender sendRtp,
        Action<TimeSpan>? recordVideoLateness = null)
    {
        _source = source;
        _send = sendRtp;
        _recordVideoLateness = recordVideoLateness;
        _videoPacketizer = config.VideoCodec == SdpVideoCodec.Vp8 ? new Vp8Packetizer() : new H264Packetizer();
        VideoHistory = new RetransmissionHistory(1024, RetransmissionHistoryMaxAge);
        Audio = new RtpStream(config.AudioSsrc, SdpOfferBuilder.OpusPayloadType, RtpDefaults.OpusClockRate);
        Video = new RtpStream(config.VideoSsrc, (byte)SdpOfferBuilder.VideoPayloadType(config.VideoCodec), RtpDefaults.VideoClockRate, VideoHistory);
        var videoPeriod = TimeSpan.FromSeconds(1.0 / config.VideoFps);
        _videoFrameUnits = Video.ToClockUnits(videoPeriod);
        _audioUnits = Audio.ToClockUnits(AudioPeriod);
        VideoSchedule = new PacingSchedule(videoPeriod, startTicks);
        AudioSchedule = new PacingSchedule(AudioPeriod, startTicks);
        // The first frame a receiver sees must be a key frame.
        _keyFrameRequested = 1;
    }

    public RtpStream Audio { get; }
    public RtpStream Video { get; }
    public RetransmissionHistory VideoHistory { get; }
    public PacingSchedule VideoSchedule { get; }
    public PacingSchedule AudioSchedule { get; }

    public long VideoFramesSent { get; private set; }
    public long AudioPacketsSent { get; private set; }
    public long KeyFramesRequested => Interlocked.Read(ref _keyFramesRequested);
    public long VideoFramesLate { get; private set; }
    private long _keyFramesRequested;

    /// <summary>Thread-safe: a PLI/FIR arrived; the next frame sent will be a key frame.</summary>
    public void RequestKeyFrame()
    {
        Interlocked.Increment(ref _keyFramesRequested);
        Volatile.Write(ref _keyFrameRequested, 1);
    }

    /// <summary>Sends whatever is due at <paramref name="now"/> (Stopwatch ticks); returns when the next unit is due.</summary>
    public long Pump(long now)
    {
        while (AudioSchedule.TryTake(now, out _, out int skipped))
        {
            for (int i = 0; i < skipped; i++) _source.NextAudioPacket(); // speech keeps its wall-clock length
            if (skipped > 0) Audio.AdvanceTimestamp((uint)(skipped * _audioUnits));
            var packet = _source.NextAudioPacket();
            Audio.Send(_audioPacketizer, packet.Span, _audioUnits, _send);
            AudioPacketsSent++;
        }
        while (VideoSchedule.TryTake(now, out var lateness, out int skipped))
        {
            // Encoded frames depend on each other, so a stall skips time, not frames.
            if (skipped > 0) Video.AdvanceTimestamp((uint)(skipped * _videoFrameUnits));
            if (Interlocked.Exchange(ref _keyFrameRequested, 0) == 1) _source.RequestKeyFrame();
            if (!_source.TryGetVideoFrame(out var frame, out _))
            {
                Video.AdvanceTimestamp(_videoFrameUnits);
                continue;
            }
            Video.Send(_videoPacketizer, frame.Span, _videoFrameUnits, _send);
            VideoFramesSent++;
            if (lateness.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond > LateThresholdTicks) VideoFramesLate++;
            _recordVideoLateness?.Invoke(lateness);
        }
        return Math.Min(AudioSchedule.NextDue, VideoSchedule.NextDue);
    }
}
