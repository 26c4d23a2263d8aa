using System.Diagnostics;
using System.Text;

namespace HeyGenEmulator.Media;

/// <summary>
/// Where ffmpeg and espeak-ng live, and a way to run them as plain processes (ArgumentList, never a shell, so user
/// text cannot inject anything). Counts the processes it starts so callers and tests can see cache hits.
/// </summary>
public sealed class MediaTools
{
    private int _processesStarted;

    public MediaTools(string ffmpegPath = "/usr/bin/ffmpeg", string espeakPath = "/usr/bin/espeak-ng")
    {
        FfmpegPath = ffmpegPath;
        EspeakPath = espeakPath;
    }

    public static MediaTools Default { get; } = new();

    public string FfmpegPath { get; }
    public string EspeakPath { get; }
    public bool HasFfmpeg => File.Exists(FfmpegPath);
    public bool HasEspeak => File.Exists(EspeakPath);
    public int ProcessesStarted => Volatile.Read(ref _processesStarted);

    /// <summary>Runs a tool to completion. Each stdout line goes to <paramref name="onStdoutLine"/>; the stderr tail is kept for errors.</summary>
    public async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, Action<string>? onStdoutLine = null,
        CancellationToken cancellationToken = default)
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
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onStdoutLine?.Invoke(e.Data); };
        Interlocked.Increment(ref _processesStarted);
        process.Start();
        process.StandardInput.Close(); // ffmpeg must never wait for a keypress
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
}

public sealed record ToolResult(int ExitCode, string StandardErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}

public sealed class MediaToolException(string message) : Exception(message);
