using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FFMpegCore;

namespace HeyGenEmulator.Media;

/// <summary>
/// Where ffmpeg and espeak-ng live (resolved once from settings or PATH, see <see cref="ToolLocator"/>), and how they
/// are run: ffmpeg through FFMpegCore, espeak-ng as a plain process (ArgumentList, never a shell, so user text cannot
/// inject anything). Counts the processes it starts so callers and tests can see cache hits.
/// </summary>
public sealed class MediaTools
{
    private readonly Lazy<FFOptions> _ffOptions;
    private int _processesStarted;

    public MediaTools(string ffmpegPath, string espeakPath)
        : this(Path.GetFullPath(ffmpegPath), Path.GetFullPath(espeakPath), null, null)
    {
    }

    private MediaTools(string ffmpegPath, string espeakPath, string? ffmpegMissing, string? espeakMissing)
    {
        FfmpegPath = ffmpegPath;
        EspeakPath = espeakPath;
        FfmpegMissing = ffmpegMissing;
        EspeakMissing = espeakMissing;
        _ffOptions = new Lazy<FFOptions>(() => new FFOptions { BinaryFolder = FfmpegBinaryFolder(FfmpegPath) });
    }

    /// <summary>
    /// Tools of which some were not found (a null path), for an emulator that can stream without them (clips shipped
    /// with it). Each missing tool's message says how to provide it; every ffmpeg run then fails with that message.
    /// </summary>
    public static MediaTools Partial(string? ffmpegPath, string? espeakPath, string ffmpegMissing, string espeakMissing) =>
        new(ffmpegPath is null ? "" : Path.GetFullPath(ffmpegPath), espeakPath is null ? "" : Path.GetFullPath(espeakPath),
            ffmpegPath is null ? ffmpegMissing : null, espeakPath is null ? espeakMissing : null);

    /// <summary>The ffmpeg binary; empty when it was not found (<see cref="FfmpegMissing"/> says why).</summary>
    public string FfmpegPath { get; }
    /// <summary>The espeak-ng binary; empty when it was not found (<see cref="EspeakMissing"/> says why).</summary>
    public string EspeakPath { get; }
    /// <summary>Why there is no ffmpeg and how to provide it; null when it was found.</summary>
    public string? FfmpegMissing { get; }
    /// <summary>Why there is no espeak-ng and how to provide it; null when it was found.</summary>
    public string? EspeakMissing { get; }
    public bool HasFfmpeg => FfmpegPath.Length > 0 && File.Exists(FfmpegPath);
    public bool HasEspeak => EspeakPath.Length > 0 && File.Exists(EspeakPath);
    public int ProcessesStarted => Volatile.Read(ref _processesStarted);

    /// <summary>
    /// Runs an ffmpeg command built with FFMpegCore, with this instance's binary (per call, never the process-wide
    /// <see cref="GlobalFFOptions"/>). Each stdout line goes to <paramref name="onStdoutLine"/>; the stderr tail is kept for errors.
    /// </summary>
    public async Task<ToolResult> RunFfmpegAsync(FFMpegArgumentProcessor command, Action<string>? onStdoutLine = null,
        CancellationToken cancellationToken = default)
    {
        if (FfmpegMissing is not null) throw new MediaToolException(FfmpegMissing);
        if (onStdoutLine is not null) command.NotifyOnStandardOutput(onStdoutLine);
        // ffmpeg runs with -nostdin, so FFMpegCore's polite "q" is not read: kill at once on cancellation.
        command.CancellableThrough(cancellationToken, TimeSpan.Zero);
        Interlocked.Increment(ref _processesStarted);
        // The token reaches ffmpeg through CancellableThrough above; this overload takes none.
#pragma warning disable CA2016
        var result = await command.ProcessAsynchronously(throwOnError: false, _ffOptions.Value).ConfigureAwait(false);
#pragma warning restore CA2016
        if (result.Cancelled || cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException("ffmpeg was cancelled", cancellationToken);
        return new ToolResult(result.ExitCode, Tail(string.Join('\n', result.StandardError)));
    }

    /// <summary>Runs a tool as a plain process to completion (espeak-ng; tests probe with ffmpeg); the stderr tail is kept for errors.</summary>
    public async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);

        using var process = new Process { StartInfo = psi };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
                if (stderr.Length > 16_000) stderr.Remove(0, stderr.Length - 8_000);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        Interlocked.Increment(ref _processesStarted);
        process.Start();
        process.StandardInput.Close(); // a tool must never wait for input
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        process.WaitForExit(); // flush the async readers
        string err;
        lock (stderr) err = stderr.ToString();
        return new ToolResult(process.ExitCode, err);
    }

    /// <summary>
    /// FFMpegCore takes a folder and runs "ffmpeg" (or "x64/ffmpeg") inside it. A binary with another name, or in a
    /// folder that also holds an x64/ffmpeg, gets a private folder with an "ffmpeg" symlink to it, so the configured
    /// file is the one that runs.
    /// </summary>
    private static string FfmpegBinaryFolder(string ffmpegPath)
    {
        string folder = Path.GetDirectoryName(ffmpegPath)!;
        if (Path.GetFileName(ffmpegPath) == "ffmpeg" && !File.Exists(Path.Combine(folder, "x64", "ffmpeg"))) return folder;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ffmpegPath)))[..16];
        string linkFolder = Path.Combine(Path.GetTempPath(), $"heygen-emulator-ffmpeg-{Environment.UserName}-{hash}");
        Directory.CreateDirectory(linkFolder);
        string link = Path.Combine(linkFolder, "ffmpeg");
        if (new FileInfo(link).LinkTarget != ffmpegPath)
        {
            string temp = link + "." + Guid.NewGuid().ToString("N");
            File.CreateSymbolicLink(temp, ffmpegPath);
            File.Move(temp, link, overwrite: true); // atomic: a concurrent caller never sees a missing link
        }
        return linkFolder;
    }

    private static string Tail(string s) => s.Length > 8_000 ? s[^8_000..] : s;
}

public sealed record ToolResult(int ExitCode, string StandardErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}

public sealed class MediaToolException(string message) : Exception(message);
