using HeyGenEmulator.Media.Playback;
using HeyGenEmulator.WebRtc.Peer;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// What one v1 session's peer sends: the talking loop while speech is queued, the idle loop otherwise, and the speech
/// (or Opus silence) on the audio track. Video is attached once the avatar's clips are loaded.
/// </summary>
public sealed class AvatarFeed : IPeerMediaSource
{
    private volatile AvatarVideoSource? _video;

    private PcmSpeechStream? _pcm;

    public SpeechAudioSource Audio { get; } = new();

    /// <summary>Streamed speech (the realtime socket's PCM) into <see cref="Audio"/>; made on first use.</summary>
    public PcmSpeechStream Pcm
    {
        get
        {
            var pcm = Volatile.Read(ref _pcm);
            if (pcm is not null) return pcm;
            Interlocked.CompareExchange(ref _pcm, new PcmSpeechStream(Audio), null);
            return _pcm;
        }
    }

    public AvatarVideoSource? Video => _video;

    public void AttachVideo(AvatarClips clips) => _video ??= new AvatarVideoSource(clips.Idle, clips.Talking);

    public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
    {
        var video = _video;
        if (video is null)
        {
            frame = default;
            isKeyFrame = false;
            return false;
        }
        var f = video.NextFrame(Audio.IsSpeaking ? AvatarMode.Talking : AvatarMode.Idle);
        frame = f.Data;
        isKeyFrame = f.IsKeyFrame;
        return true;
    }

    public ReadOnlyMemory<byte> NextAudioPacket() => Audio.NextPacket(out _);

    public void RequestKeyFrame() => _video?.RequestKeyFrame();

    public void Interrupt()
    {
        Volatile.Read(ref _pcm)?.Reset(); // first: an append in progress on another socket finishes before the clear
        Audio.Clear();
        _video?.SetMode(AvatarMode.Idle);
    }
}
