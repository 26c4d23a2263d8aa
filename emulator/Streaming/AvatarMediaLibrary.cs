using System.Collections.Concurrent;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Preparation;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Streaming;

/// <summary>An avatar's idle and talking loops for one quality and codec, loaded in memory and shared by sessions.</summary>
public sealed record AvatarClips(VideoClip Idle, VideoClip Talking, int Width, int Height);

/// <summary>
/// Prepares (ffmpeg, disk cache) and loads avatar clips once per (avatar, quality, codec); concurrent requests share
/// one preparation. Quality → frame size: low 640x360, medium 854x480, high 1280x720 (HeyGen's SDK table).
/// </summary>
public sealed class AvatarMediaLibrary
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AvatarClips>>> _clips = new(StringComparer.Ordinal);
    private readonly AvatarClipPreparer _preparer;
    private readonly MediaTools _tools;
    private readonly ILogger<AvatarMediaLibrary> _log;

    /// <summary>
    /// The default avatar's clips, in the order startup prepares them (high/VP8 first: the seed demo page's choice);
    /// the packages ship exactly these (<see cref="BundleDefaultAvatarAsync"/>).
    /// </summary>
    public static readonly IReadOnlyList<(AvatarQuality Quality, VideoCodec Codec)> DefaultAvatarClips =
    [
        (AvatarQuality.High, VideoCodec.Vp8), (AvatarQuality.Low, VideoCodec.Vp8), (AvatarQuality.Low, VideoCodec.H264),
        (AvatarQuality.Medium, VideoCodec.Vp8), (AvatarQuality.High, VideoCodec.H264), (AvatarQuality.Medium, VideoCodec.H264),
    ];

    public AvatarMediaLibrary(IOptions<MediaSettings> settings, MediaTools tools, ClipPreparation preparation, ILogger<AvatarMediaLibrary> log)
    {
        _log = log;
        Preparation = preparation;
        _tools = tools;
        Bundle = ClipBundle.Load(settings.Value.ResolveBundledClipsDir(), m => log.LogWarning("{Problem}", m));
        _preparer = new AvatarClipPreparer(settings.Value.ResolveCacheDir(), tools, Bundle);
    }

    public string CacheDirectory => _preparer.CacheDirectory;

    /// <summary>How far the clips being prepared are (for health, the dashboard and the console line).</summary>
    public ClipPreparation Preparation { get; }

    /// <summary>Counts these clips into the current preparation from now, so progress spans all of them (startup's list).</summary>
    public void Plan(Avatar avatar, IEnumerable<(AvatarQuality Quality, VideoCodec Codec)> clips)
    {
        foreach (var (quality, codec) in clips)
            if (!IsReady(avatar, quality, codec))
                Preparation.Plan(Key(avatar, quality, codec), Seconds(Request(avatar, quality, codec)));
    }

    /// <summary>The clips shipped with the emulator (empty when none were).</summary>
    public ClipBundle Bundle { get; }

    /// <summary>
    /// Writes the default avatar's <see cref="DefaultAvatarClips"/> to <paramref name="directory"/> as a bundle (encoded
    /// through the cache): what <c>heygen-emulator prepare-clips</c> runs when the packages and the container are built.
    /// </summary>
    public Task<IReadOnlyList<BundledClip>> BundleDefaultAvatarAsync(Avatar avatar, string directory, CancellationToken cancellationToken = default) =>
        // Through the cache only: a bundle is made from encodes, never from another bundle.
        ClipBundle.WriteAsync(directory, new AvatarClipPreparer(CacheDirectory, _tools),
            DefaultAvatarClips.Select(c => new AvatarClipRequest(avatar.Name, c.Quality, c.Codec) { SourceVideoPath = avatar.Video }),
            new Progress(_log, avatar.Id), cancellationToken);

    /// <summary>True when the clips are already in memory (a session would not wait).</summary>
    public bool IsReady(Avatar avatar, AvatarQuality quality, VideoCodec codec) =>
        _clips.TryGetValue(Key(avatar, quality, codec), out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully;

    public Task<AvatarClips> GetAsync(Avatar avatar, AvatarQuality quality, VideoCodec codec)
    {
        var key = Key(avatar, quality, codec);
        var lazy = _clips.GetOrAdd(key, _ => new Lazy<Task<AvatarClips>>(() => LoadAsync(key, avatar, quality, codec)));
        var task = lazy.Value;
        // A failed preparation is not cached: the next session tries again.
        if (task.IsFaulted) _clips.TryRemove(new KeyValuePair<string, Lazy<Task<AvatarClips>>>(key, lazy));
        return task;
    }

    private async Task<AvatarClips> LoadAsync(string key, Avatar avatar, AvatarQuality quality, VideoCodec codec)
    {
        await Task.Yield();
        var request = Request(avatar, quality, codec);
        var progress = new Progress(_log, avatar.Id);
        Preparation.Plan(key, Seconds(request));
        try
        {
            var prepared = await _preparer.PrepareAsync(request, progress, encoded: new Encoded(Preparation, key)).ConfigureAwait(false);
            var clips = new AvatarClips(prepared.LoadIdle(), prepared.LoadTalking(), prepared.Width, prepared.Height);
            _log.LogInformation("Avatar {Avatar} {Quality} {Codec} ready ({Source}, {Width}x{Height}, {Frames} + {TalkFrames} frames)",
                avatar.Id, quality, codec, prepared.FromBundle ? "bundled" : prepared.FromCache ? "from cache" : "encoded", prepared.Width, prepared.Height,
                clips.Idle.Frames.Count, clips.Talking.Frames.Count);
            return clips;
        }
        catch (Exception e)
        {
            _log.LogError(e, "Preparing avatar {Avatar} {Quality} {Codec} failed", avatar.Id, quality, codec);
            _clips.TryRemove(key, out _);
            throw;
        }
        finally
        {
            Preparation.Finished(key);
        }
    }

    private static AvatarClipRequest Request(Avatar avatar, AvatarQuality quality, VideoCodec codec) =>
        new(avatar.Name, quality, codec) { SourceVideoPath = avatar.Video };

    private static double Seconds(AvatarClipRequest request) => request.IdleSeconds + request.TalkingSeconds;

    private static string Key(Avatar avatar, AvatarQuality quality, VideoCodec codec) =>
        $"{avatar.Id}|{avatar.Video}|{quality}|{codec}";

    private sealed class Progress(ILogger log, string avatar) : IProgress<string>
    {
        public void Report(string value) => log.LogInformation("Preparing avatar {Avatar}: {Progress}", avatar, value);
    }

    /// <summary>Synchronous, unlike <see cref="Progress{T}"/>: reports stay in order.</summary>
    private sealed class Encoded(ClipPreparation preparation, string key) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value) => preparation.Report(key, value.Clip, value.DoneSeconds, value.TotalSeconds);
    }
}
