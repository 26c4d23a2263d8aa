using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Sessions;

/// <summary>What streaming.new asked for, after validation.</summary>
public sealed record SessionSpec(
    Avatar Avatar,
    Voice Voice,
    double VoiceRate,
    string? Emotion,
    string Quality,
    string Version,
    string VideoEncoding,
    string? Language,
    TimeSpan? IdleTimeout,
    string? KnowledgeBase,
    bool LiveKitTransport);

/// <summary>One spoken task: when it starts and ends on the emulator's clock.</summary>
public sealed record SpeechTask(string TaskId, string TaskType, string TaskMode, string RequestText, string SpokenText,
    DateTimeOffset StartsAt, TimeSpan Duration)
{
    public DateTimeOffset EndsAt => StartsAt + Duration;
}

/// <summary>
/// One streaming session. All mutation happens under <see cref="Gate"/> through <see cref="SessionManager"/>,
/// which owns the state machine; everything else reads.
/// </summary>
public sealed class Session(string id, ApiKey owner, SessionSpec spec, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public ApiKey Owner { get; } = owner;
    public SessionSpec Spec { get; } = spec;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    public SessionState State { get; internal set; } = SessionState.New;
    public DateTimeOffset? StartedAt { get; internal set; }
    public DateTimeOffset? ClosedAt { get; internal set; }
    public string? CloseReason { get; internal set; }
    public DateTimeOffset LastActivityAt { get; internal set; } = createdAt;
    public DateTimeOffset TalkingUntil { get; internal set; } = createdAt;
    public bool Listening { get; internal set; }
    public int RemoteCandidates { get; internal set; }
    internal List<SpeechTask> Tasks { get; } = [];

    internal object Gate { get; } = new();

    public bool IsOpen => State is not SessionState.Closed;

    public bool IsTalking(DateTimeOffset now) => now < TalkingUntil;

    public IReadOnlyList<SpeechTask> TaskSnapshot()
    {
        lock (Gate) return [.. Tasks];
    }
}
