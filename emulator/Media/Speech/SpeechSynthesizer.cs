using System.Globalization;
using FFMpegCore;
using HeyGenEmulator.Media.Containers;

namespace HeyGenEmulator.Media.Speech;

/// <summary>
/// Text → speech: espeak-ng writes a WAV, ffmpeg turns it into Ogg Opus (48 kHz, mono, 20 ms frames, VoIP mode) and
/// the packets are read back. Without espeak-ng a sine tone of a plausible length stands in (said once); without
/// ffmpeg, Opus silence of that length.
/// Text reaches espeak-ng through a file, never a command line, so nothing in it can act as an option.
/// <para>
/// Bounded (<see cref="SpeechLimits"/>): at most <c>Concurrency</c> syntheses run at once, the rest wait their turn;
/// one that outlives <c>Timeout</c> has its process killed and fails with a <see cref="MediaToolException"/> (no tone
/// stands in: a machine too slow for espeak-ng gains nothing from another ffmpeg run). Cancelling the caller's token
/// leaves the queue or kills the running process.
/// </para>
/// </summary>
public sealed class SpeechSynthesizer : IDisposable
{
    public const int BaseWordsPerMinute = 175;
    /// <summary>Tone length per word at rate 1.0 when espeak-ng is missing (≈ 175 words per minute).</summary>
    public const double FallbackMsPerWord = 343;

    private readonly MediaTools _tools;
    private readonly string _voice;
    private readonly Action<string>? _log;
    private readonly SpeechLimits _limits;
    private readonly SemaphoreSlim _turns;
    private int _warnedMissingEspeak, _warnedMissingFfmpeg;
    private int _running, _peakRunning;

    public SpeechSynthesizer(MediaTools tools, string voice = "en-us", Action<string>? log = null, SpeechLimits? limits = null)
    {
        _tools = tools;
        _voice = voice;
        _log = log;
        _limits = limits ?? SpeechLimits.Default;
        _turns = new SemaphoreSlim(Math.Max(1, _limits.Concurrency));
    }

    /// <summary>Syntheses running now (each one process at a time).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most syntheses that ever ran at once: never above <see cref="SpeechLimits.Concurrency"/>.</summary>
    public int PeakRunning => Volatile.Read(ref _peakRunning);

    public static double ClampRate(double rate) => double.IsFinite(rate) ? Math.Clamp(rate, 0.5, 1.5) : 1.0;

    public static int WordsPerMinute(double rate) => (int)Math.Round(BaseWordsPerMinute * ClampRate(rate));

    public async Task<SpeechAudio> SynthesizeAsync(string text, double rate = 1.0, CancellationToken cancellationToken = default)
    {
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        RaisePeak(Interlocked.Increment(ref _running));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_limits.Timeout);
            try
            {
                return await SynthesizeNowAsync(text, rate, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MediaToolException(string.Create(CultureInfo.InvariantCulture,
                    $"speech synthesis took longer than {_limits.Timeout.TotalSeconds:0.#} s and was stopped (Emulator:Media:SpeechTimeoutSeconds)"));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();

    private void RaisePeak(int running)
    {
        int peak;
        while (running > (peak = Volatile.Read(ref _peakRunning)) && Interlocked.CompareExchange(ref _peakRunning, running, peak) != peak) { }
    }

    private async Task<SpeechAudio> SynthesizeNowAsync(string text, double rate, CancellationToken cancellationToken)
    {
        rate = ClampRate(rate);
        text = (text ?? "").Trim();
        if (_tools.FfmpegMissing is not null) return Silence(text, rate);
        string dir = Path.Combine(Path.GetTempPath(), "heygen-tts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string ogg = Path.Combine(dir, "speech.ogg");
            bool fallback = text.Length == 0 || !_tools.HasEspeak;
            if (!fallback)
            {
                string textFile = Path.Combine(dir, "text.txt");
                string wav = Path.Combine(dir, "speech.wav");
                await File.WriteAllTextAsync(textFile, text, cancellationToken).ConfigureAwait(false);
                var espeak = await _tools.RunAsync(_tools.EspeakPath,
                    ["-v", _voice, "-s", WordsPerMinute(rate).ToString(CultureInfo.InvariantCulture), "-w", wav, "-f", textFile],
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                if (espeak.Succeeded && File.Exists(wav) && new FileInfo(wav).Length > 44)
                    await EncodeAsync(FFMpegArguments.FromInput(new FileInput(wav), i => i.WithCustomArgument(Globals)), ogg,
                        cancellationToken).ConfigureAwait(false);
                else
                {
                    _log?.Invoke($"espeak-ng failed ({espeak.ExitCode}): {Last(espeak.StandardErrorTail)}; using a tone");
                    fallback = true;
                }
            }
            else if (text.Length > 0 && Interlocked.Exchange(ref _warnedMissingEspeak, 1) == 0)
                _log?.Invoke($"espeak-ng not found at {_tools.EspeakPath}: speech will be a sine tone");

            if (fallback)
            {
                double seconds = FallbackSeconds(text, rate);
                string tone = $"sine=frequency=220:sample_rate=48000:duration={seconds.ToString("0.###", CultureInfo.InvariantCulture)}";
                var input = FFMpegArguments.FromInput(new FileInput(tone), i => i.WithCustomArgument(Globals).ForceFormat("lavfi"));
                await EncodeAsync(input, ogg, cancellationToken, o => o.WithCustomArgument("-af volume=0.3")).ConfigureAwait(false);
            }

            var packets = OggOpusReader.Read(ogg);
            return new SpeechAudio(packets, packets.Sum(p => p.Samples) / 48, fallback);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Without ffmpeg nothing can be encoded to Opus: the task is timed as the tone would be and plays as Opus silence,
    /// so sessions and their tasks still run (said once, with how to get real speech).
    /// </summary>
    private SpeechAudio Silence(string text, double rate)
    {
        if (Interlocked.Exchange(ref _warnedMissingFfmpeg, 1) == 0)
            _log?.Invoke($"{_tools.FfmpegMissing} Until then, task speech is silent, timed at {FallbackMsPerWord:0} ms a word.");
        int frames = (int)Math.Ceiling(FallbackSeconds(text, rate) * 1000 / OpusSilence.FrameDuration.TotalMilliseconds);
        var packets = Enumerable.Range(0, frames)
            .Select(_ => new OpusPacket(OpusSilence.Frame20Ms.ToArray(), OpusSilence.SamplesPerFrame)).ToList();
        return new SpeechAudio(packets, packets.Sum(p => p.Samples) / 48, IsFallbackTone: true);
    }

    /// <summary>Length of the stand-in tone: 343 ms per word at rate 1.0, at least 200 ms.</summary>
    public static double FallbackSeconds(string text, double rate)
    {
        int words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(0.2, words * FallbackMsPerWord / 1000.0 / ClampRate(rate));
    }

    private const string Globals = FfmpegText.Quiet + " -y";

    /// <summary>To Ogg Opus as WebRTC wants it: 48 kHz mono, 20 ms frames, VoIP mode.</summary>
    private async Task EncodeAsync(FFMpegArguments input, string ogg, CancellationToken ct, Action<FFMpegOutputOptions>? filter = null)
    {
        var command = input.OutputTo(new FileOutput(ogg), o =>
        {
            filter?.Invoke(o);
            o.WithAudioChannels(1).WithAudioSamplingRate(48000).WithAudioCodec("libopus").WithAudioBitrate(32)
                .WithCustomArgument("-frame_duration 20 -application voip").ForceFormat("ogg");
        });
        var result = await _tools.RunFfmpegAsync(command, cancellationToken: ct).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new MediaToolException($"ffmpeg could not encode speech to Opus: {Last(result.StandardErrorTail)}");
    }

    private static string Last(string s) => s.Length > 400 ? s[^400..] : s.Trim();
}
