using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Preparation;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>Encodes the small clips the media tests share once, in a throwaway cache directory.</summary>
public sealed class MediaFixture : IAsyncLifetime
{
    public string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "heygen-media-tests-" + Guid.NewGuid().ToString("N"));
    public MediaTools Tools { get; } = NewTools();
    public List<string> Progress { get; } = [];
    public PreparedAvatar Vp8 { get; private set; } = null!;
    public PreparedAvatar H264 { get; private set; } = null!;
    public int ProcessesAfterSetup { get; private set; }

    /// <summary>The tools on PATH, as the emulator finds them when no path is configured (a missing espeak-ng means tone speech).</summary>
    public static MediaTools NewTools()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        return new MediaTools(ToolLocator.Find(null, "ffmpeg", path) ?? throw new InvalidOperationException("ffmpeg is not on PATH"),
            ToolLocator.Find(null, "espeak-ng", path) ?? "/nonexistent/espeak-ng");
    }

    public static AvatarClipRequest SmallRequest(string name, VideoCodec codec) =>
        new(name, AvatarQuality.Low, codec) { IdleSeconds = 2, TalkingSeconds = 2 };

    public async Task InitializeAsync()
    {
        var preparer = new AvatarClipPreparer(CacheDirectory, Tools);
        var progress = new SyncProgress(Progress);
        Vp8 = await preparer.PrepareAsync(SmallRequest("Anna", VideoCodec.Vp8), progress);
        H264 = await preparer.PrepareAsync(SmallRequest("Anna", VideoCodec.H264), progress);
        ProcessesAfterSetup = Tools.ProcessesStarted;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(CacheDirectory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>Progress&lt;T&gt; posts asynchronously; tests want the messages at once.</summary>
    public sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }
}

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFixture>
{
    // One collection so the ffmpeg-heavy tests run one after another on the shared 2 cores.
    public const string Name = "ffmpeg media";
}
