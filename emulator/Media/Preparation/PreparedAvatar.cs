namespace HeyGenEmulator.Media.Preparation;

/// <summary>The two encoded loops of an avatar on disk (IVF for VP8, raw Annex-B .h264 for H.264).</summary>
public sealed record PreparedAvatar(AvatarClipRequest Request, int Width, int Height, string IdlePath, string TalkingPath,
    string CacheKey, bool FromCache)
{
    /// <summary>Read from the clips shipped with the emulator (<see cref="ClipBundle"/>), not the cache or an encode.</summary>
    public bool FromBundle { get; init; }

    public VideoClip LoadIdle() => VideoClip.Load(IdlePath, Request.Codec, Request.Fps);
    public VideoClip LoadTalking() => VideoClip.Load(TalkingPath, Request.Codec, Request.Fps);
}
