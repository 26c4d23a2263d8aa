using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FFMpegCore;

namespace HeyGenEmulator.Media.Preparation;

/// <summary>
/// Encodes an avatar's idle and talking loops once with ffmpeg and caches them on disk under a key hashed from
/// (source, name, quality, codec, settings). Concurrent callers for the same key wait for one encode: an in-process
/// semaphore plus a lock file for other processes sharing the cache directory. Clips shipped with the emulator
/// (<see cref="ClipBundle"/>) are used first when they are the same recipe and pass their hash check.
/// </summary>
public sealed class AvatarClipPreparer
{
    /// <summary>Bump when the drawing or encoder settings change, so stale caches are not reused.</summary>
    private const string RecipeVersion = "avatar-v1";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();
    private readonly MediaTools _tools;
    private readonly ClipBundle? _bundle;

    public AvatarClipPreparer(string cacheDirectory, MediaTools tools, ClipBundle? bundle = null)
    {
        CacheDirectory = Path.GetFullPath(cacheDirectory);
        _tools = tools;
        _bundle = bundle;
    }

    public string CacheDirectory { get; }

    public static string FileExtension(VideoCodec codec) => codec == VideoCodec.Vp8 ? "ivf" : "h264";

    public static string CacheKey(AvatarClipRequest request)
    {
        var q = QualityProfile.For(request.Quality);
        string source = "drawn";
        if (request.SourceVideoPath is { } path)
        {
            var info = new FileInfo(path);
            source = $"file:{info.FullName}:{(info.Exists ? info.Length : -1)}:{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}";
        }
        string recipe = string.Join('|', RecipeVersion, source, request.Name, request.Quality, request.Codec, q.Width, q.Height,
            request.BitrateKbps ?? q.BitrateKbps, request.Fps, request.KeyFrameInterval,
            request.IdleSeconds.ToString(CultureInfo.InvariantCulture), request.TalkingSeconds.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)))[..24];
    }

    /// <param name="encoded">Seconds of both clips encoded so far out of their total, as ffmpeg reports them (no call when nothing is encoded).</param>
    public async Task<PreparedAvatar> PrepareAsync(AvatarClipRequest request, IProgress<string>? progress = null,
        IProgress<EncodeProgress>? encoded = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        if (_bundle?.Find(request) is { } bundled) return bundled;
        var q = QualityProfile.For(request.Quality);
        string key = CacheKey(request);
        string dir = Path.Combine(CacheDirectory, key);
        string ext = FileExtension(request.Codec);
        string idle = Path.Combine(dir, "idle." + ext), talking = Path.Combine(dir, "talking." + ext);
        string done = Path.Combine(dir, "done");
        PreparedAvatar Result(bool cached) => new(request, q.Width, q.Height, idle, talking, key, cached);

        if (File.Exists(done)) return Result(true);

        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(dir);
            using var fileLock = await AcquireFileLockAsync(Path.Combine(dir, "lock"), cancellationToken).ConfigureAwait(false);
            if (File.Exists(done)) return Result(true);

            string label = $"{request.Name} {request.Quality} {request.Codec}";
            var started = DateTime.UtcNow;
            progress?.Report($"{label}: encoding ({q.Width}x{q.Height}, {request.BitrateKbps ?? q.BitrateKbps} kb/s)");
            await EncodeClipAsync(request, q, talking: false, idle, dir, label, progress, encoded, cancellationToken).ConfigureAwait(false);
            await EncodeClipAsync(request, q, talking: true, talking, dir, label, progress, encoded, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(done, DateTime.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
            progress?.Report($"{label}: done in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
            return Result(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task EncodeClipAsync(AvatarClipRequest r, QualityProfile q, bool talking, string output, string dir,
        string label, IProgress<string>? progress, IProgress<EncodeProgress>? encoded, CancellationToken ct)
    {
        string which = talking ? "talking" : "idle";
        double seconds = talking ? r.TalkingSeconds : r.IdleSeconds;
        double before = talking ? r.IdleSeconds : 0, total = r.IdleSeconds + r.TalkingSeconds;
        int frames = Math.Max(1, (int)Math.Round(seconds * r.Fps));
        string? tempText = null;
        try
        {
            FFMpegArguments input;
            Action<FFMpegOutputOptions> inputOutputOptions = _ => { };
            if (r.SourceVideoPath is { } source)
            {
                if (!File.Exists(source)) throw new FileNotFoundException("avatar source video not found", source);
                input = FfmpegArguments.SourceClip(source);
                inputOutputOptions = FfmpegArguments.SourceClipFilter(q, talking ? r.IdleSeconds : 0, seconds, r.Fps);
            }
            else
            {
                string? font = FfmpegArguments.FindFont();
                if (font is null) progress?.Report($"{label}: no font found, the name will not be drawn");
                string nameFile = Path.Combine(dir, "name.txt");
                await File.WriteAllTextAsync(nameFile, SanitiseName(r.Name), ct).ConfigureAwait(false);
                if (!FfmpegArguments.IsFilterSafePath(nameFile))
                {
                    tempText = Path.Combine(Path.GetTempPath(), $"heygen-name-{Guid.NewGuid():N}.txt");
                    File.Copy(nameFile, tempText);
                    nameFile = tempText;
                }
                input = FfmpegArguments.DrawnClip(q, talking, seconds, r.Fps, font, nameFile);
            }
            string partial = output + ".part";
            var command = input.OutputTo(new FileOutput(partial), o =>
            {
                inputOutputOptions(o);
                FfmpegArguments.Encoder(o, r.Codec, r.BitrateKbps ?? q.BitrateKbps, r.KeyFrameInterval, frames);
            });

            double lastReported = -1;
            void OnProgress(string line)
            {
                if (progress is null && encoded is null || !line.StartsWith("out_time_us=", StringComparison.Ordinal)) return;
                if (!long.TryParse(line.AsSpan(12), out long us) || us < 0) return;
                double s = us / 1e6;
                if (s - lastReported < 1 && s < seconds) return;
                lastReported = s;
                progress?.Report($"{label}: {which} {Math.Min(s, seconds):0.0}/{seconds:0.0} s");
                encoded?.Report(new EncodeProgress($"{label} {which}", before + Math.Min(s, seconds), total));
            }

            var result = await _tools.RunFfmpegAsync(command, OnProgress, ct).ConfigureAwait(false);
            if (!result.Succeeded || !File.Exists(partial) || new FileInfo(partial).Length == 0)
                throw new MediaToolException($"ffmpeg failed to encode the {which} clip for {label} (exit {result.ExitCode}): " +
                    result.StandardErrorTail.Trim());
            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            if (tempText is not null) File.Delete(tempText);
        }
    }

    private static string SanitiseName(string name)
    {
        var chars = name.Where(c => !char.IsControl(c)).Take(40).ToArray();
        string clean = new string(chars).Trim();
        return clean.Length == 0 ? "Avatar" : clean;
    }

    private static void Validate(AvatarClipRequest r)
    {
        if (r.Fps is < 1 or > 60) throw new ArgumentOutOfRangeException(nameof(r), $"Fps must be in [1, 60], not {r.Fps}");
        if (r.IdleSeconds is <= 0 or > 600 || r.TalkingSeconds is <= 0 or > 600)
            throw new ArgumentOutOfRangeException(nameof(r), "clip lengths must be in (0, 600] s");
        if (r.KeyFrameInterval < 1) throw new ArgumentOutOfRangeException(nameof(r), "KeyFrameInterval must be at least 1");
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, ct).ConfigureAwait(false); // another process is encoding this key
            }
        }
    }
}
