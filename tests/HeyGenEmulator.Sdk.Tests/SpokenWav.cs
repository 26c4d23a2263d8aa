using System.Diagnostics;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// The fake microphone's sound: espeak-ng saying <see cref="Words"/>, made at test time, between
/// <see cref="LeadSeconds"/> of silence and <see cref="TailSeconds"/> of it, as 48 kHz 16-bit mono PCM WAV (what
/// Chromium's <c>--use-file-for-fake-audio-capture</c> reads). Chromium loops the file, so the user says it again every
/// <see cref="PeriodSeconds"/>: the second time over a long reply is a barge-in.
/// </summary>
public static class SpokenWav
{
    public const string Words = "hello can you hear me";
    // The tail leaves the avatar time to answer before the words come again (speech synthesis on a busy 2-core machine took up to 9 s).
    public const double LeadSeconds = 2, TailSeconds = 14;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    /// <summary>Length of the loop: lead + speech + tail (set once the file exists).</summary>
    public static double PeriodSeconds { get; private set; }

    public static async Task<string> PathAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_path is not null) return _path;
            var dir = Directory.CreateTempSubdirectory("heygen-spoken-wav-").FullName;
            var speech = Path.Combine(dir, "speech.wav");
            var wav = Path.Combine(dir, "microphone.wav");
            await RunAsync("espeak-ng", ["-v", "en-us", "-w", speech, Words]);
            await RunAsync("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-i", speech, "-af",
                $"adelay={LeadSeconds * 1000}:all=1,apad=pad_dur={TailSeconds},aresample=48000", "-ac", "1", "-c:a", "pcm_s16le", wav]);
            PeriodSeconds = (new FileInfo(wav).Length - 44) / 2.0 / 48000;
            return _path = wav;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task RunAsync(string tool, string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr}");
    }
}
