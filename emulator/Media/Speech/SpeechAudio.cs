using HeyGenEmulator.Media.Containers;

namespace HeyGenEmulator.Media.Speech;

/// <summary>Synthesised speech as 20 ms Opus packets; <see cref="DurationMs"/> is packets × 20.</summary>
public sealed record SpeechAudio(IReadOnlyList<OpusPacket> Packets, int DurationMs, bool IsFallbackTone)
{
    public TimeSpan Duration => TimeSpan.FromMilliseconds(DurationMs);
}
