namespace HeyGenEmulator.Streaming;

/// <summary>
/// Speech length without synthesising it: espeak-ng's default 175 words per minute, scaled by the voice rate.
/// </summary>
public static class SpeechEstimate
{
    public const double WordsPerMinute = HeyGenEmulator.Media.Speech.SpeechSynthesizer.BaseWordsPerMinute;

    public static TimeSpan For(string text, double rate)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var ms = Math.Max(1, words) * 60_000 / (WordsPerMinute * Math.Clamp(rate, 0.5, 1.5));
        return TimeSpan.FromMilliseconds(Math.Round(ms));
    }
}
