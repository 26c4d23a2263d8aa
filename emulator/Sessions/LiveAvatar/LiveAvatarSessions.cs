using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Sessions;

/// <summary>What <c>POST /v1/sessions/token</c> asked for, after validation.</summary>
public sealed record LiveAvatarTokenRequest(LiveAvatarMode Mode, LiveAvatarAvatar Avatar, Voice? Voice, bool Sandbox, bool PushToTalk,
    VideoQuality Quality, VideoEncoding Encoding, int? MaxSessionDuration, string? ContextId, string? Opening, string? Language,
    JsonObject Body);

/// <summary>
/// LiveAvatar's sessions, on the same <see cref="SessionManager"/> (state machine, clock, limits, admin, reset) and
/// LiveKit rooms as HeyGen's v2 sessions, owned by LiveAvatar keys. The token call creates the session (state
/// <c>new</c>) and its JWT; <c>/start</c> opens it (a FULL room gets its agent); <c>/stop</c> closes it. Bounded as
/// the session manager is: agents and transcripts go when their session is forgotten.
/// </summary>
public sealed class LiveAvatarSessions
{
    private readonly ConcurrentDictionary<string, LiveAvatarAgent> _agents = new(StringComparer.Ordinal);
    private readonly SessionManager _sessions;
    private readonly VoiceCatalogue _voices;
    private readonly LiveKitRooms _rooms;
    private readonly LiveKitJournal _journal;
    private readonly EmulatorClock _clock;
    private readonly LiveAvatarOptions _options;
    private readonly ILogger<LiveAvatarSessions> _log;

    public LiveAvatarSessions(SessionManager sessions, VoiceCatalogue voices, LiveKitRooms rooms, LiveKitJournal journal,
        EmulatorClock clock, IOptions<EmulatorOptions> options, ILogger<LiveAvatarSessions> log)
    {
        _sessions = sessions;
        _voices = voices;
        _rooms = rooms;
        _journal = journal;
        _clock = clock;
        _options = options.Value.LiveAvatar;
        _log = log;
    }

    public LiveAvatarTokens Tokens { get; } = new();

    /// <summary>The session's length: the sandbox's minute, else what the token asked for (capped by the plan), else the default.</summary>
    public TimeSpan DurationOf(LiveAvatarTokenRequest request) => TimeSpan.FromSeconds(request.Sandbox
        ? _options.SandboxSessionSeconds
        : request.MaxSessionDuration ?? _options.DefaultMaxSessionDuration);

    public (Session Session, string Token) Create(ApiKey owner, LiveAvatarTokenRequest request)
    {
        Forget();
        var spec = new SessionSpec(request.Avatar.Media, request.Voice ?? _voices.Resolve(null, request.Avatar.Media.DefaultVoice), 1.0, null,
            request.Quality, ApiVersion.LiveAvatar, request.Encoding, request.Language,
            IdleTimeout: TimeSpan.FromSeconds(_options.IdleTimeoutSeconds), KnowledgeBase: null, LiveKitTransport: true,
            Opening: request.Opening, DurationLimit: DurationOf(request),
            LiveAvatar: new LiveAvatarSpec(request.Mode, request.Sandbox, request.PushToTalk, request.Avatar.Id, request.ContextId, request.Body));
        var session = _sessions.Create(owner, spec);
        var startData = new JsonObject { ["mode"] = WireNames<LiveAvatarMode>.Of(request.Mode) };
        foreach (var (key, value) in request.Body)
            if (key != "mode") startData[key] = value?.DeepClone();
        var token = Tokens.Issue(session.Id, startData, _clock.GetUtcNow(), _sessions.DurationLimitOf(session) + TimeSpan.FromHours(1));
        return (session, token);
    }

    /// <summary>The LiveAvatar session a session token names, or null (bad signature, expired, forgotten session).</summary>
    public Session? FromToken(string? token) =>
        Tokens.SessionIdOf(token, _clock.GetUtcNow()) is { } id && _sessions.FindAny(id) is { Spec.Version: ApiVersion.LiveAvatar } session ? session : null;

    /// <summary>The key's session, or null when unknown, another key's, or HeyGen's.</summary>
    public Session? Find(ApiKey owner, string sessionId)
    {
        _sessions.Sweep();
        return _sessions.FindAny(sessionId) is { Spec.Version: ApiVersion.LiveAvatar } session && session.Owner == owner ? session : null;
    }

    public IEnumerable<Session> OwnedBy(ApiKey owner) => _sessions.OwnedBy(owner).Where(s => s.Spec.Version == ApiVersion.LiveAvatar);

    /// <summary>
    /// <c>/start</c>: the room opens for the client, with the agent in it for FULL mode (the SDK waits for both
    /// <c>heygen</c> and <c>liveavatar-agent-&lt;id&gt;</c>), and the avatar joins. A session not in state
    /// <c>new</c> is refused: a token starts one session once.
    /// </summary>
    public async Task StartAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.State != SessionState.New) throw LiveAvatarErrors.SessionState(StateMessage(session)).ToException();
        if (session.Spec.LiveAvatar?.Mode == LiveAvatarMode.Full && _rooms.Find(session.Id) is { } room && room.Agent is null)
        {
            var agent = _agents.GetOrAdd(session.Id, _ => new LiveAvatarAgent(session, _sessions, _rooms, _journal, _clock, _log));
            room.Agent = agent;
        }
        try
        {
            await _sessions.StartAsync(session, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HeyGenException e) when (e.Error.Shape == ErrorShape.HeyGen && e.Error.Status == 400)
        {
            throw LiveAvatarErrors.SessionState(StateMessage(session)).ToException();
        }
    }

    public static string StateMessage(Session session) => session.State switch
    {
        SessionState.Closed or SessionState.Closing => "Session has already ended",
        SessionState.Connecting or SessionState.Connected => "Session has already started",
        _ => "Session is not in a state that allows this",
    };

    /// <summary><c>/stop</c>: closes an open session; a closed one is left as it is (the SDK stops on every teardown).</summary>
    public bool Stop(Session session)
    {
        if (!session.IsOpen || session.State == SessionState.Closing) return false;
        try
        {
            _sessions.Stop(session);
            return true;
        }
        catch (HeyGenException)
        {
            return false; // closed meanwhile
        }
    }

    /// <summary><c>/keep-alive</c>: the idle timer starts again.</summary>
    public void KeepAlive(Session session)
    {
        try
        {
            _sessions.KeepAlive(session);
        }
        catch (HeyGenException)
        {
            throw LiveAvatarErrors.SessionState(StateMessage(session)).ToException();
        }
    }

    public LiveAvatarTranscript? TranscriptOf(string sessionId) => _agents.TryGetValue(sessionId, out var agent) ? agent.Transcript : null;

    /// <summary>Agents of sessions the session manager no longer keeps.</summary>
    private void Forget()
    {
        foreach (var id in _agents.Keys)
            if (_sessions.FindAny(id) is null) _agents.TryRemove(id, out _);
    }
}
