namespace HeyGenEmulator.Media.Speech;

/// <summary>
/// How much synthesis the machine gives to speech: <see cref="Concurrency"/> syntheses at once (each runs one process
/// at a time, espeak-ng then ffmpeg), and <see cref="Timeout"/> for one synthesis once it has its turn.
/// </summary>
public sealed record SpeechLimits(int Concurrency, TimeSpan Timeout)
{
    public static SpeechLimits Default { get; } = new(2, TimeSpan.FromSeconds(30));
}
