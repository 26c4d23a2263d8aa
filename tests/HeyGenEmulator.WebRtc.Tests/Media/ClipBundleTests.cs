using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>Clips shipped with the emulator: used before the cache when their hashes hold, ignored (and encoded) when not.</summary>
[Collection(MediaCollection.Name)]
public sealed class ClipBundleTests(MediaFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("heygen-bundle-tests-").FullName;
    private static readonly MediaTools NoTools = MediaTools.Partial(null, null, "ffmpeg not found on PATH (test).", "espeak-ng not found on PATH (test).");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> WriteBundleAsync()
    {
        string bundle = Path.Combine(_root, "bundle");
        // Through the fixture's cache: no encode, only copies and hashes.
        var clips = await ClipBundle.WriteAsync(bundle, new AvatarClipPreparer(fixture.CacheDirectory, fixture.Tools),
            [MediaFixture.SmallRequest("Anna", VideoCodec.Vp8), MediaFixture.SmallRequest("Anna", VideoCodec.H264)]);
        Assert.Equal(2, clips.Count);
        return bundle;
    }

    [Fact]
    public async Task A_bundled_clip_is_used_with_an_empty_cache_and_no_ffmpeg()
    {
        var bundle = ClipBundle.Load(await WriteBundleAsync());
        var preparer = new AvatarClipPreparer(Path.Combine(_root, "empty-cache"), NoTools, bundle);

        var prepared = await preparer.PrepareAsync(MediaFixture.SmallRequest("Anna", VideoCodec.Vp8));

        Assert.True(prepared.FromBundle);
        Assert.StartsWith(bundle.Directory, prepared.IdlePath, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(fixture.Vp8.IdlePath), File.ReadAllBytes(prepared.IdlePath));
        Assert.Equal(fixture.Vp8.LoadTalking().Frames.Count, prepared.LoadTalking().Frames.Count);
        Assert.False(Directory.Exists(Path.Combine(_root, "empty-cache", prepared.CacheKey)));
    }

    [Fact]
    public async Task Another_recipe_is_not_in_the_bundle_and_without_ffmpeg_fails_saying_so()
    {
        var preparer = new AvatarClipPreparer(Path.Combine(_root, "empty-cache"), NoTools, ClipBundle.Load(await WriteBundleAsync()));
        var error = await Assert.ThrowsAsync<MediaToolException>(() => preparer.PrepareAsync(MediaFixture.SmallRequest("Bob", VideoCodec.Vp8)));
        Assert.Equal("ffmpeg not found on PATH (test).", error.Message);
    }

    [Fact]
    public async Task A_clip_that_fails_its_hash_is_ignored_logged_and_encoded_instead()
    {
        string dir = await WriteBundleAsync();
        var request = MediaFixture.SmallRequest("Anna", VideoCodec.H264);
        string idle = Path.Combine(dir, AvatarClipPreparer.CacheKey(request), "idle.h264");
        var bytes = File.ReadAllBytes(idle);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(idle, bytes);
        var log = new List<string>();
        var preparer = new AvatarClipPreparer(Path.Combine(_root, "cache"), fixture.Tools, ClipBundle.Load(dir, log.Add));

        var prepared = await preparer.PrepareAsync(request);

        Assert.False(prepared.FromBundle);
        Assert.False(prepared.FromCache); // encoded now
        Assert.StartsWith(Path.Combine(_root, "cache"), prepared.IdlePath, StringComparison.Ordinal);
        Assert.Contains(log, l => l.Contains("does not match its SHA-256", StringComparison.Ordinal) && l.Contains("Anna Low H264", StringComparison.Ordinal));
        // The good one beside it is still used.
        Assert.True((await preparer.PrepareAsync(MediaFixture.SmallRequest("Anna", VideoCodec.Vp8))).FromBundle);
    }

    [Fact]
    public void A_missing_or_unreadable_manifest_is_an_empty_bundle()
    {
        Assert.Equal(0, ClipBundle.Load(Path.Combine(_root, "nothing")).Count);
        File.WriteAllText(Path.Combine(_root, ClipBundle.ManifestFile), "{ not json");
        var log = new List<string>();
        Assert.Equal(0, ClipBundle.Load(_root, log.Add).Count);
        Assert.Contains(log, l => l.Contains("manifest unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_ffmpeg_speech_is_silence_timed_by_its_words()
    {
        var log = new List<string>();
        using var tts = new SpeechSynthesizer(NoTools, log: log.Add);
        var audio = await tts.SynthesizeAsync("four words of speech");
        Assert.Equal(1380, audio.DurationMs); // 4 × 343 ms, whole 20 ms frames
        Assert.All(audio.Packets, p => Assert.Equal(OpusSilence.Frame20Ms.ToArray(), p.Data));
        Assert.Contains(log, l => l.StartsWith("ffmpeg not found on PATH (test). Until then, task speech is silent", StringComparison.Ordinal));
    }
}
