namespace HeyGenEmulator.LiveKit;

/// <summary>
/// What the user said between a <c>user_start</c> and its <c>user_stop</c>: how long it lasted on the audio's own
/// timeline, and its audio when the session layer asked for it (a recogniser is configured), at most
/// <see cref="UtteranceRecorder.MaxAudio"/> of it.
/// </summary>
public sealed record Utterance(TimeSpan Length, UtteranceAudio? Audio);

/// <summary>An utterance's audio as it arrived: Opus packets (LiveKit microphone) or 16-bit PCM (chat socket).</summary>
public sealed record UtteranceAudio(IReadOnlyList<byte[]> OpusPackets, byte[]? Pcm16, int SampleRate)
{
    public static UtteranceAudio Opus(IReadOnlyList<byte[]> packets) => new(packets, null, 48000);

    public static UtteranceAudio Pcm(byte[] pcm16, int sampleRate) => new([], pcm16, sampleRate);
}
