using System.Collections.Concurrent;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Streaming;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// Owns every session and its state machine. Time comes only from <see cref="EmulatorClock"/>: expiry is checked on
/// every access and whenever the clock moves, so tests advance time instead of sleeping.
/// </summary>
public sealed class SessionManager
{
    // Closed sessions stay answerable (10005, not 10006) for a while; bounded so a long-running emulator stays small.
    private static readonly TimeSpan ClosedRetention = TimeSpan.FromHours(1);
    private const int MaxClosedKept = 10_000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly object _createGate = new();
    private readonly EmulatorClock _clock;
    private readonly SessionMediaRouter _media;
    private readonly ChatSockets _chats;
    private readonly LiveKitRooms _rooms;
    private readonly TokenStore _tokens;
    private readonly EmulatorOptions _options;
    private readonly ILogger<SessionManager> _log;
    private readonly SpeechCancellation _speechStops = new();

    public SessionManager(EmulatorClock clock, SessionMediaRouter media, ChatSockets chats, LiveKitRooms rooms, TokenStore tokens,
        IOptions<EmulatorOptions> options, ILogger<SessionManager> log)
    {
        _clock = clock;
        _media = media;
        _chats = chats;
        _rooms = rooms;
        _tokens = tokens;
        _options = options.Value;
        _log = log;
        _clock.Moved += Sweep;
    }

    /// <summary>Raised once per session when it reaches <c>closed</c>, with the reason (stop, idle_timeout, duration_limit, admin, reset).</summary>
    public event Action<Session, string>? Closed;

    /// <summary>The avatar was stopped (REST interrupt, barge-in, the realtime socket): streamed speech ends with it.</summary>
    public event Action<Session>? Interrupted;

    public TimeSpan DurationLimit => TimeSpan.FromSeconds(_options.SessionDurationLimit);

    /// <summary>The session's own limit (LiveAvatar's <c>max_session_duration</c>, the sandbox's minute) or HeyGen's.</summary>
    public TimeSpan DurationLimitOf(Session session) => session.Spec.DurationLimit ?? DurationLimit;

    /// <summary><c>Emulator:MaxTaskTextLength</c>: longer task text is refused before anything is synthesised.</summary>
    public int MaxTaskTextLength => _options.MaxTaskTextLength;

    public IReadOnlyCollection<Session> All => _sessions.Values.ToList();

    public IEnumerable<Session> OwnedBy(ApiKey key) => _sessions.Values.Where(s => s.Owner == key);

    public int ConcurrentLimit(ApiKey key) =>
        _options.ConcurrentSessions.TryGetValue(key.Plan.ToString(), out var limit) ? limit : 3;

    private int ConcurrentLimit(ApiKey key, SessionSpec spec) =>
        spec.Version == ApiVersion.LiveAvatar ? _options.LiveAvatar.ConcurrentSessions : ConcurrentLimit(key);

    /// <summary>A new session (its <see cref="Session.Offer"/> set for v1); 429 10007 over the key's limit.</summary>
    public Session Create(ApiKey owner, SessionSpec spec, Func<string, bool>? claimToken = null)
    {
        Sweep();
        Session session;
        lock (_createGate)
        {
            var open = _sessions.Values.Count(s => s.Owner == owner && s.IsOpen);
            if (open >= ConcurrentLimit(owner, spec)) throw HeyGenErrors.ConcurrentLimit.ToException();
            var now = _clock.GetUtcNow();
            session = new Session(SessionIds.NewV1(now), owner, spec, now);
            if (claimToken is not null && !claimToken(session.Id)) throw HeyGenErrors.Unauthorized.ToException();
            _sessions[session.Id] = session;
        }
        _log.LogInformation("Session {SessionId} created: avatar {Avatar}, {Version}, {Encoding}, {Quality}", session.Id, spec.Avatar.Id, spec.Version, spec.VideoEncoding, spec.Quality);
        session.Offer = _media.For(session).CreateOffer(session.Media);
        return session;
    }

    /// <summary>
    /// The caller's session, with expiry applied; 404 10006 when it is unknown or another key's. A LiveAvatar session
    /// is 401 400112 here, as HeyGen answers users who call streaming.* with one (HeyGen forum: "Error 400112 when
    /// calling /v1/streaming.task with LiveAvatar Full Mode session").
    /// </summary>
    public Session Get(ApiKey caller, string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session)) throw HeyGenErrors.SessionNotFound.ToException();
        if (session.Spec.Version == ApiVersion.LiveAvatar) throw HeyGenErrors.Unauthorized.ToException();
        if (session.Owner != caller) throw HeyGenErrors.SessionNotFound.ToException();
        Expire(session, _clock.GetUtcNow());
        return session;
    }

    public Session? FindAny(string sessionId) => _sessions.TryGetValue(sessionId, out var s) ? s : null;

    /// <summary>new → connecting → connected; <paramref name="answer"/> is the validated v1 answer (null for v2).</summary>
    public async Task StartAsync(Session session, SdpAnswer? answer, CancellationToken cancellationToken)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Start);
            session.State = SessionState.Connecting;
            session.StartedAt = _clock.GetUtcNow();
            session.LastActivityAt = session.StartedAt.Value;
        }
        try
        {
            var remote = answer is null ? null : new RemoteAnswer(answer.IceUfrag, answer.Fingerprint);
            await _media.For(session).StartAsync(session.Media, remote, cancellationToken);
            if (_options.StartDelayMs > 0)
                await _clock.WaitUntilAsync(_clock.GetUtcNow().AddMilliseconds(_options.StartDelayMs), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The media side failed (e.g. ffmpeg could not encode the avatar): say so, and leave the session startable.
            RollBackStart(session);
            _log.LogError(e, "Session {SessionId}: media could not start", session.Id);
            throw HeyGenErrors.MediaUnavailable(e.Message).ToException();
        }
        catch (OperationCanceledException)
        {
            RollBackStart(session);
            throw;
        }
        lock (session.Gate)
        {
            if (session.State != SessionState.Connecting) throw session.State.WrongStateError().ToException();
            session.State = SessionState.Connected;
            session.LastActivityAt = _clock.GetUtcNow();
        }
    }

    private static void RollBackStart(Session session)
    {
        lock (session.Gate)
            if (session.State == SessionState.Connecting) session.State = SessionState.New;
    }

    /// <summary>A trickled candidate (validated against the offer): ICE-lite needs none, so it is only counted.</summary>
    public void AddCandidate(Session session)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Ice);
            session.RemoteCandidates++;
        }
    }

    /// <summary>
    /// Speaks <paramref name="requestText"/> (or the reply to it, for talk and chat) after whatever is queued. Bounded:
    /// text over <see cref="MaxTaskTextLength"/> and speech that would end past the session's duration limit are refused
    /// (400 400175); preparation stops when the session closes, and a task interrupted while being prepared is answered
    /// with a zero duration and never spoken. A synthesis failure (e.g. its timeout) is 503 50003.
    /// </summary>
    /// <param name="taskId">The task's id when the caller chose it (a voice turn's events carry it before the reply exists).</param>
    public async Task<SpeechTask> SpeakAsync(Session session, TaskType taskType, TaskMode taskMode, string requestText, CancellationToken cancellationToken,
        string? taskId = null)
    {
        TaskLimits.RequireLength(requestText, MaxTaskTextLength);
        CancellationToken speechStop;
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            // Queued speech already reaching the session's end: refuse before spending a synthesis on it.
            var queuedUntil = Instants.Later(session.TalkingUntil, _clock.GetUtcNow());
            TaskLimits.RequireTimeLeft(queuedUntil, TimeSpan.Zero, session.CreatedAt + DurationLimitOf(session), DurationLimitOf(session));
            speechStop = _speechStops.For(session.Id);
        }
        var media = _media.For(session);
        SpeechClip clip;
        using (var prepare = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, speechStop))
        {
            try
            {
                clip = await media.PrepareSpeechAsync(session.Media, Replies.SpokenText(taskType, requestText, session.Spec.Opening), prepare.Token);
            }
            catch (OperationCanceledException) when (speechStop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Dropped(session, taskType, taskMode, requestText, taskId);
            }
            catch (Exception e) when (e is not OperationCanceledException and not HeyGenException)
            {
                _log.LogWarning(e, "Session {SessionId}: speech could not be prepared", session.Id);
                throw HeyGenErrors.MediaUnavailable(e.Message).ToException();
            }
        }
        SpeechTask task;
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            var now = _clock.GetUtcNow();
            var startsAt = Instants.Later(session.TalkingUntil, now); // queued tasks play in order
            TaskLimits.RequireTimeLeft(startsAt, clip.Duration, session.CreatedAt + DurationLimitOf(session), DurationLimitOf(session));
            task = new SpeechTask(taskId ?? Guid.NewGuid().ToString(), taskType, taskMode, requestText, clip.Text, startsAt, clip.Duration);
            Remember(session, task);
            session.TalkingUntil = task.EndsAt;
            session.LastActivityAt = now;
        }
        media.Speak(session.Media, new SpokenTask(task.TaskId, clip, task.StartsAt));
        if (taskMode == TaskMode.Sync) await _clock.WaitUntilAsync(task.EndsAt, cancellationToken);
        return task;
    }

    /// <summary>
    /// With <c>Emulator:RequireClientInRoomForTasks</c>: a v2 session's REST task is 400 400006 "Session is not in
    /// correct state" until a LiveKit client is in its room, as one user reported (see the option).
    /// </summary>
    public void RequireClientInRoom(Session session)
    {
        if (_options.RequireClientInRoomForTasks && session.Spec.Version == ApiVersion.V2 && !_rooms.ClientJoined(session.Id))
            throw HeyGenErrors.SessionNotInCorrectState.ToException();
    }

    /// <summary>
    /// Streamed speech (the realtime socket) of <paramref name="duration"/> placed on the session's timeline after what
    /// is still playing; refused (400 400175, nothing queued) when more than <paramref name="maxQueued"/> would wait.
    /// </summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt) QueueStreamedSpeech(Session session, TimeSpan duration, TimeSpan maxQueued)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            var now = _clock.GetUtcNow();
            var startsAt = Instants.Later(session.TalkingUntil, now);
            if (startsAt + duration - now > maxQueued)
                throw HeyGenErrors.InvalidParameter(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"more than {maxQueued.TotalSeconds:0} s of unplayed audio would be buffered; the chunk was dropped")).ToException();
            session.TalkingUntil = startsAt + duration;
            session.LastActivityAt = now;
            return (startsAt, session.TalkingUntil);
        }
    }

    /// <summary>A task interrupted while its speech was prepared: recorded, answered, never spoken (10005 once closed).</summary>
    private SpeechTask Dropped(Session session, TaskType taskType, TaskMode taskMode, string requestText, string? taskId)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            var task = new SpeechTask(taskId ?? Guid.NewGuid().ToString(), taskType, taskMode, requestText,
                Replies.SpokenText(taskType, requestText, session.Spec.Opening), _clock.GetUtcNow(), TimeSpan.Zero);
            Remember(session, task);
            return task;
        }
    }

    /// <summary>Keeps the session's last 200 tasks (call under its gate): what the admin API lists, never more.</summary>
    private static void Remember(Session session, SpeechTask task)
    {
        session.Tasks.Add(task);
        if (session.Tasks.Count > 200) session.Tasks.RemoveRange(0, session.Tasks.Count - 200);
    }

    public void Interrupt(Session session)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            var now = _clock.GetUtcNow();
            session.TalkingUntil = now;
            session.LastActivityAt = now;
        }
        _speechStops.Cancel(session.Id);
        _media.For(session).Interrupt(session.Id);
        Interrupted?.Invoke(session);
    }

    /// <summary>Raised after streaming.start_listening / stop_listening changed the listening state.</summary>
    public event Action<Session, bool>? ListeningChanged;

    public void SetListening(Session session, bool listening)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            session.Listening = listening;
            session.LastActivityAt = _clock.GetUtcNow();
        }
        ListeningChanged?.Invoke(session, listening);
    }

    public void KeepAlive(Session session)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.KeepAlive);
            session.LastActivityAt = _clock.GetUtcNow();
        }
    }

    public void Stop(Session session)
    {
        lock (session.Gate)
        {
            SessionRules.Require(session, SessionRules.Stop);
            session.State = SessionState.Closing;
        }
        Close(session, "stop");
    }

    /// <summary>Ends a session from outside the API (admin kill, reset). False when it was already closed.</summary>
    public bool Kill(string sessionId, string reason)
    {
        if (!_sessions.TryGetValue(sessionId, out var session)) return false;
        return Close(session, reason);
    }

    /// <summary>Applies idle timeouts and duration limits to every session, and forgets long-closed ones.</summary>
    public void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var session in _sessions.Values)
        {
            Expire(session, now);
            if (session.ClosedAt is { } closedAt && now - closedAt > ClosedRetention)
                _sessions.TryRemove(session.Id, out _);
        }
        var closed = _sessions.Values.Where(s => s.ClosedAt is not null).ToList();
        if (closed.Count > MaxClosedKept)
            foreach (var old in closed.OrderBy(s => s.ClosedAt).Take(closed.Count - MaxClosedKept))
                _sessions.TryRemove(old.Id, out _);
        // A used token lives as long as its session is still answerable; a forgotten session's token goes too. Under
        // the create gate: a token is claimed there just before its session is added.
        lock (_createGate) _tokens.Sweep(now, id => _sessions.ContainsKey(id));
    }

    public void Reset()
    {
        foreach (var session in _sessions.Values) Close(session, "reset");
        _sessions.Clear();
        // Whatever a racing streaming.new or chat upgrade left behind goes too: reset leaves nothing held.
        _rooms.EndAll("reset");
        _chats.EndAll();
    }

    private void Expire(Session session, DateTimeOffset now)
    {
        string? reason;
        lock (session.Gate) reason = SessionRules.ExpiryReason(session, now, DurationLimitOf(session));
        if (reason is not null) Close(session, reason);
    }

    private bool Close(Session session, string reason)
    {
        lock (session.Gate)
        {
            if (session.State == SessionState.Closed) return false;
            session.State = SessionState.Closed;
            session.ClosedAt = _clock.GetUtcNow();
            session.CloseReason = reason;
            if (session.TalkingUntil > session.ClosedAt) session.TalkingUntil = session.ClosedAt.Value;
        }
        _log.LogInformation("Session {SessionId} closed: {Reason}", session.Id, reason);
        _speechStops.Cancel(session.Id); // kills its espeak-ng/ffmpeg and empties its place in the synthesis queue
        try
        {
            _media.For(session).Close(session.Id, reason);
        }
        catch (Exception e)
        {
            // Media teardown problems must not leave the session half-closed or hurt the caller.
            _log.LogWarning(e, "Media teardown for session {SessionId} failed", session.Id);
        }
        _chats.End(session.Id);
        Closed?.Invoke(session, reason);
        return true;
    }
}
