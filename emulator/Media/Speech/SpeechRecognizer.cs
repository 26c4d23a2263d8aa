using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace HeyGenEmulator.Media.Speech;

/// <summary>What a recogniser run gave: the text, or why there is none.</summary>
public sealed record Recognition(string? Text, string? Failure);

/// <summary>
/// Runs a speech recogniser the user installed (for example whisper.cpp's <c>whisper-cli</c>) on one utterance: the
/// command line is split on spaces (double quotes group), <c>{wav}</c> is replaced by the utterance's WAV file (or the
/// file is appended when the command has no <c>{wav}</c>), and what it prints on stdout, trimmed and on one line, is
/// the transcript. Never a shell: the file name and the command's words reach the process as arguments.
/// <para>
/// Bounded: at most <paramref name="concurrency"/> runs at once (the rest wait their turn), each killed after
/// <paramref name="timeout"/>; stdout past 64 KB is dropped. A failure (not found, non-zero exit, timeout, nothing
/// printed) is returned with its reason, never thrown.
/// </para>
/// </summary>
public sealed class SpeechRecognizer(string command, TimeSpan timeout, int concurrency = 2) : IDisposable
{
    public const string WavPlaceholder = "{wav}";
    private const int MaxOutputChars = 64 * 1024;

    private readonly SemaphoreSlim _turns = new(Math.Max(1, concurrency));
    private readonly string[] _words = Split(command);

    public string Command { get; } = command;

    public async Task<Recognition> RecognizeAsync(byte[] wav, CancellationToken cancellationToken = default)
    {
        if (_words.Length == 0) return new Recognition(null, "the recogniser command is empty");
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        var dir = Path.Combine(Path.GetTempPath(), "heygen-stt-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, "utterance.wav");
            await File.WriteAllBytesAsync(file, wav, cancellationToken).ConfigureAwait(false);
            return await RunAsync(file, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turns.Release();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task<Recognition> RunAsync(string wavFile, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(_words[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        bool placed = false;
        foreach (var word in _words.Skip(1))
        {
            placed |= word.Contains(WavPlaceholder, StringComparison.Ordinal);
            psi.ArgumentList.Add(word.Replace(WavPlaceholder, wavFile, StringComparison.Ordinal));
        }
        if (!placed) psi.ArgumentList.Add(wavFile);

        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        try { process.Start(); }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return new Recognition(null, $"'{_words[0]}' could not be started: {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            cancellationToken.ThrowIfCancellationRequested();
            return new Recognition(null, string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.#} s (killed)"));
        }
        process.WaitForExit(); // drains the redirected streams
        if (process.ExitCode != 0)
            return new Recognition(null, $"exit code {process.ExitCode}: {Last(stderr)}");
        string text;
        lock (stdout) text = string.Join(' ', stdout.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? new Recognition(null, "it printed nothing") : new Recognition(text, null);
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null) return;
        lock (into)
            if (into.Length < MaxOutputChars) into.AppendLine(line);
    }

    private static string Last(StringBuilder stderr)
    {
        string all;
        lock (stderr) all = stderr.ToString().Trim();
        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(nothing on stderr)" : lines[^1].Trim();
    }

    /// <summary>Splits a command line on whitespace; double quotes group words (no other escapes).</summary>
    public static string[] Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, any = false;
        foreach (var c in commandLine ?? "")
        {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
            }
            else { word.Append(c); any = true; }
        }
        if (any) words.Add(word.ToString());
        return [.. words];
    }

    public void Dispose() => _turns.Dispose();
}
