namespace HeyGenEmulator.Sessions;

public enum RealtimeNoticeKind { SpeakStarted, SpeakEnded, SpeakInterrupted, SessionClosed }

/// <summary>
/// What a realtime socket hears from its session: an utterance started or ended playing, was interrupted, or the
/// session closed. <see cref="EventId"/> is the id of the utterance's first chunk (null when the client sent none).
/// </summary>
public sealed record RealtimeNotice(RealtimeNoticeKind Kind, string? EventId = null, string? TaskId = null);
