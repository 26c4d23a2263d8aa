using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeyGenEmulator.Media.Preparation;

/// <summary>
/// Clips encoded when the packages were built and shipped beside the emulator, so a fresh machine streams the
/// default avatar without an encode (and without ffmpeg). The folder has the cache's layout (<c>&lt;key&gt;/idle.ivf</c>,
/// …) plus <c>manifest.json</c> with each file's SHA-256. A clip is used only when its key is the one the preparer
/// would compute for the request (same recipe) and its files hash as the manifest says; otherwise it is ignored (said
/// once) and the preparer encodes as it always has.
/// </summary>
public sealed class ClipBundle
{
    public const string ManifestFile = "manifest.json";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Dictionary<string, BundledClip> _clips;
    private readonly ConcurrentDictionary<string, Lazy<bool>> _verified = new(StringComparer.Ordinal);
    private readonly Action<string>? _log;

    private ClipBundle(string directory, Dictionary<string, BundledClip> clips, Action<string>? log)
    {
        Directory = directory;
        _clips = clips;
        _log = log;
    }

    public string Directory { get; }
    public int Count => _clips.Count;

    /// <summary>True when <paramref name="directory"/> holds a manifest (its contents are checked when a clip is used).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, ManifestFile));

    /// <summary>The bundle in <paramref name="directory"/>; empty when there is none or its manifest cannot be read (logged).</summary>
    public static ClipBundle Load(string directory, Action<string>? log = null)
    {
        directory = Path.GetFullPath(directory);
        var clips = new Dictionary<string, BundledClip>(StringComparer.Ordinal);
        string manifest = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifest)) return new ClipBundle(directory, clips, log);
        try
        {
            var read = JsonSerializer.Deserialize<BundleManifest>(File.ReadAllText(manifest), Json);
            if (read?.Version != FormatVersion)
                log?.Invoke($"bundled clips in {directory}: manifest version {read?.Version} is not {FormatVersion}; ignored");
            else
                foreach (var clip in read.Clips) clips[clip.Key] = clip;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"bundled clips in {directory}: manifest unreadable ({e.Message}); ignored");
        }
        return new ClipBundle(directory, clips, log);
    }

    /// <summary>The bundled clips for <paramref name="request"/>, or null when there are none or they fail their hash check.</summary>
    public PreparedAvatar? Find(AvatarClipRequest request)
    {
        string key = AvatarClipPreparer.CacheKey(request);
        if (!_clips.TryGetValue(key, out var clip)) return null;
        if (!_verified.GetOrAdd(key, _ => new Lazy<bool>(() => Verify(clip))).Value) return null;
        var q = QualityProfile.For(request.Quality);
        return new PreparedAvatar(request, q.Width, q.Height, PathOf(clip.Idle), PathOf(clip.Talking), key, FromCache: true)
        {
            FromBundle = true,
        };
    }

    private string PathOf(BundledFile file) => Path.Combine(Directory, file.Path);

    private bool Verify(BundledClip clip)
    {
        foreach (var file in new[] { clip.Idle, clip.Talking })
        {
            string path = PathOf(file);
            string? problem = !IsInside(path) ? "is outside the bundle"
                : !File.Exists(path) ? "is missing"
                : Sha256(path) != file.Sha256 ? "does not match its SHA-256"
                : null;
            if (problem is null) continue;
            _log?.Invoke($"bundled clip {file.Path} ({clip.Name} {clip.Quality} {clip.Codec}) {problem}; ignored, it will be encoded instead");
            return false;
        }
        return true;
    }

    private bool IsInside(string path) =>
        Path.GetFullPath(path).StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Prepares <paramref name="requests"/> with <paramref name="preparer"/> (its cache answers what it already has) and
    /// copies the clips into <paramref name="directory"/> with a manifest: what the package build runs. Clip folders of
    /// other keys in <paramref name="directory"/> are deleted.
    /// </summary>
    public static async Task<IReadOnlyList<BundledClip>> WriteAsync(string directory, AvatarClipPreparer preparer,
        IEnumerable<AvatarClipRequest> requests, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        var clips = new List<BundledClip>();
        foreach (var request in requests)
        {
            var prepared = await preparer.PrepareAsync(request, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
            System.IO.Directory.CreateDirectory(Path.Combine(directory, prepared.CacheKey));
            BundledFile Copy(string source)
            {
                string relative = Path.Combine(prepared.CacheKey, Path.GetFileName(source)).Replace('\\', '/');
                string target = Path.Combine(directory, relative);
                File.Copy(source, target, overwrite: true);
                return new BundledFile(relative, Sha256(target), new FileInfo(target).Length);
            }
            clips.Add(new BundledClip(prepared.CacheKey, request.Name, request.Quality.ToString(), request.Codec.ToString(),
                Copy(prepared.IdlePath), Copy(prepared.TalkingPath)));
        }
        // Clips of an older recipe go, so a package never carries them; only folders named like a cache key are touched.
        foreach (var stale in System.IO.Directory.GetDirectories(directory)
                     .Where(d => IsCacheKey(Path.GetFileName(d)) && clips.All(c => c.Key != Path.GetFileName(d))))
            System.IO.Directory.Delete(stale, recursive: true);
        var manifest = new BundleManifest(FormatVersion, clips);
        await File.WriteAllTextAsync(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, Json), cancellationToken)
            .ConfigureAwait(false);
        return clips;
    }

    private static bool IsCacheKey(string name) => name.Length == 24 && name.All(char.IsAsciiHexDigitLower);
}

public sealed record BundleManifest(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("clips")] IReadOnlyList<BundledClip> Clips);

/// <summary>One (avatar, quality, codec) in the bundle; <see cref="Key"/> is the preparer's cache key for it.</summary>
public sealed record BundledClip(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("quality")] string Quality,
    [property: JsonPropertyName("codec")] string Codec,
    [property: JsonPropertyName("idle")] BundledFile Idle,
    [property: JsonPropertyName("talking")] BundledFile Talking)
{
    [JsonIgnore] public long Bytes => Idle.Bytes + Talking.Bytes;
}

/// <summary>A clip file, its path relative to the bundle folder, its SHA-256 (lower-case hex) and size.</summary>
public sealed record BundledFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);
