using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// What streaming.new asked for, after validation. <see cref="Opening"/> is the opening line of the knowledge base it
/// named (as it was then): talk and chat replies start with it.
/// </summary>
public sealed record SessionSpec(
    Avatar Avatar,
    Voice Voice,
    double VoiceRate,
    string? Emotion,
    VideoQuality Quality,
    ApiVersion Version,
    VideoEncoding VideoEncoding,
    string? Language,
    TimeSpan? IdleTimeout,
    string? KnowledgeBase,
    bool LiveKitTransport,
    string? Opening = null,
    TimeSpan? DurationLimit = null,
    LiveAvatarSpec? LiveAvatar = null)
{
    /// <summary>The session as its media sees it.</summary>
    public MediaSession ToMedia(string sessionId) => new(sessionId, Avatar,
        Quality switch { VideoQuality.High => AvatarQuality.High, VideoQuality.Medium => AvatarQuality.Medium, _ => AvatarQuality.Low },
        VideoEncoding == VideoEncoding.H264 ? VideoCodec.H264 : VideoCodec.Vp8,
        VoiceRate);
}

/// <summary>What a LiveAvatar session token asked for beyond the media: its mode and the body it was issued for.</summary>
public sealed record LiveAvatarSpec(LiveAvatarMode Mode, bool Sandbox, bool PushToTalk, string AvatarId, string? ContextId,
    System.Text.Json.Nodes.JsonObject TokenBody);

public enum LiveAvatarMode
{
    [WireName("FULL")] Full,
    [WireName("LITE")] Lite,
}

/// <summary>One spoken task: when it starts and ends on the emulator's clock.</summary>
public sealed record SpeechTask(string TaskId, TaskType TaskType, TaskMode TaskMode, string RequestText, string SpokenText,
    DateTimeOffset StartsAt, TimeSpan Duration)
{
    public DateTimeOffset EndsAt => StartsAt + Duration;
}

/// <summary>
/// One streaming session. All mutation happens under <see cref="Gate"/> through <see cref="SessionManager"/>, which
/// owns the state machine; the mutable fields are read under the same lock (a <see cref="DateTimeOffset"/> is wider
/// than an atomic write), so readers on other threads never see a torn or stale value.
/// </summary>
public sealed class Session(string id, ApiKey owner, SessionSpec spec, DateTimeOffset createdAt) : IConversationState
{
    private SessionState _state = SessionState.New;
    private DateTimeOffset? _startedAt, _closedAt;
    private string? _closeReason;
    private DateTimeOffset _lastActivityAt = createdAt, _talkingUntil = createdAt;
    private bool _listening;
    private int _remoteCandidates;

    public string Id { get; } = id;
    public ApiKey Owner { get; } = owner;
    public SessionSpec Spec { get; } = spec;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public MediaSession Media { get; } = spec.ToMedia(id);

    /// <summary>The server's SDP offer (v1), which the client's answer and candidates are checked against.</summary>
    public string? Offer { get; internal set; }

    public SessionState State { get { lock (Gate) return _state; } internal set { lock (Gate) _state = value; } }
    public DateTimeOffset? StartedAt { get { lock (Gate) return _startedAt; } internal set { lock (Gate) _startedAt = value; } }
    public DateTimeOffset? ClosedAt { get { lock (Gate) return _closedAt; } internal set { lock (Gate) _closedAt = value; } }
    public string? CloseReason { get { lock (Gate) return _closeReason; } internal set { lock (Gate) _closeReason = value; } }
    public DateTimeOffset LastActivityAt { get { lock (Gate) return _lastActivityAt; } internal set { lock (Gate) _lastActivityAt = value; } }
    public DateTimeOffset TalkingUntil { get { lock (Gate) return _talkingUntil; } internal set { lock (Gate) _talkingUntil = value; } }
    public bool Listening { get { lock (Gate) return _listening; } internal set { lock (Gate) _listening = value; } }
    public int RemoteCandidates { get { lock (Gate) return _remoteCandidates; } internal set { lock (Gate) _remoteCandidates = value; } }
    internal List<SpeechTask> Tasks { get; } = [];

    internal object Gate { get; } = new();

    public bool IsOpen => State is not SessionState.Closed;

    public bool IsTalking(DateTimeOffset now) => now < TalkingUntil;

    public IReadOnlyList<SpeechTask> TaskSnapshot()
    {
        lock (Gate) return [.. Tasks];
    }
}
