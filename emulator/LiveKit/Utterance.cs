namespace HeyGenEmulator.LiveKit;

/// <summary>
/// What the user said between a <c>user_start</c> and its <c>user_stop</c>: how long it lasted on the audio's own
/// timeline, and its audio (16-bit mono PCM) when the session layer asked for it (a recogniser is configured), at most
/// <see cref="UtteranceRecorder.MaxAudio"/> of it.
/// </summary>
public sealed record Utterance(TimeSpan Length, UtteranceAudio? Audio);

/// <summary>An utterance's audio: 16-bit little-endian mono PCM (the LiveKit microphone decoded, or the chat socket's frames).</summary>
public sealed record UtteranceAudio(byte[] Pcm16, int SampleRate);
