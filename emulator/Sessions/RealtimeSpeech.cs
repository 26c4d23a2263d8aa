using System.Collections.Concurrent;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// The session side of the realtime socket (heygen-realtime.md): streamed PCM becomes the avatar's speech. Consecutive
/// <c>agent.speak</c> chunks (or committed <c>audio_buffer_append</c> audio) form one utterance, whatever their ids,
/// until <c>speak_end</c>/<c>commit</c> or an interrupt; the utterance reports the first chunk's id. Each chunk goes
/// to the room's audio track at once and onto the session's timeline (what keeps it from idling out), and the
/// utterance's <c>speak_started</c>/<c>speak_ended</c> fall due on the emulator clock from the PCM's length, the same
/// with media on or off. Bounded: <see cref="MaxBuffered"/> of unplayed or uncommitted audio, <see cref="MaxConnections"/>
/// sockets at once.
/// </summary>
public sealed class RealtimeSpeech
{
    public const int MaxConnections = 2;
    public static readonly TimeSpan MaxBuffered = TimeSpan.FromSeconds(60);
    public const int BytesPerSecond = 24000 * 2;

    private readonly ConcurrentDictionary<string, RealtimeLane> _lanes = new(StringComparer.Ordinal);
    private readonly SessionManager _sessions;
    private readonly LiveKitSessionMedia _media;
    private readonly EmulatorClock _clock;
    private readonly ILogger<RealtimeSpeech> _log;

    public RealtimeSpeech(SessionManager sessions, LiveKitSessionMedia media, EmulatorClock clock, ILogger<RealtimeSpeech> log)
    {
        _sessions = sessions;
        _media = media;
        _clock = clock;
        _log = log;
        _sessions.Closed += (session, _) => End(session.Id);
        _sessions.Interrupted += OnInterrupted;
    }

    public static TimeSpan DurationOf(int pcmBytes) => TimeSpan.FromSeconds(pcmBytes / 2 / 24000.0);

    /// <summary>Listens to the session's notices until the handle is disposed; null when <see cref="MaxConnections"/> already listen.</summary>
    public IDisposable? Connect(Session session, Action<RealtimeNotice> listener)
    {
        if (!_lanes.TryGetValue(session.Id, out var lane))
        {
            var created = new RealtimeLane(session.Id);
            lane = _lanes.GetOrAdd(session.Id, created);
            if (lane == created) _ = Task.Run(() => RunAsync(created));
        }
        lock (lane.Gate)
        {
            if (lane.Listeners.Count >= MaxConnections) return null;
            lane.Listeners.Add(listener);
        }
        // A session that closed while we attached: its lane is gone or going; tell this listener now.
        if (!session.IsOpen) End(session.Id);
        return new Subscription(lane, listener);
    }

    public int Connections(string sessionId) =>
        _lanes.TryGetValue(sessionId, out var lane) ? Locked(lane, () => lane.Listeners.Count) : 0;

    /// <summary><c>agent.speak</c>: plays <paramref name="pcm"/> (s16le, 24 kHz, mono; a trailing odd byte dropped) at once.</summary>
    public void Speak(Session session, ReadOnlySpan<byte> pcm, string? eventId)
    {
        pcm = pcm[..(pcm.Length & ~1)];
        var lane = Lane(session);
        lock (lane.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            if (pcm.IsEmpty)
            {
                _sessions.KeepAlive(session);
                return;
            }
            var (startsAt, endsAt) = _sessions.QueueStreamedSpeech(session, DurationOf(pcm.Length), MaxBuffered);
            var utterance = lane.Open;
            if (utterance is null)
            {
                utterance = new RealtimeUtterance(eventId, startsAt);
                lane.Utterances.Add(utterance);
            }
            utterance.EndsAt = endsAt;
            lane.Signal();
        }
        // Outside the lane's lock: encoding a 1 s chunk must not hold back the speak_started it just made due.
        _media.StreamSpeech(session.Id, pcm);
    }

    /// <summary><c>agent.speak_end</c>: the open utterance ends once played; with none open, nothing happens.</summary>
    public void SpeakEnd(Session session)
    {
        var lane = Lane(session);
        lock (lane.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            _sessions.KeepAlive(session);
            if (lane.Open is not { } utterance) return;
            utterance.Ending = true;
            lane.Signal();
        }
        _media.EndSpeechStream(session.Id);
    }

    /// <summary><c>agent.audio_buffer_append</c>: held until commit (bounded like played audio).</summary>
    public void Append(Session session, ReadOnlySpan<byte> pcm, string? eventId)
    {
        var lane = Lane(session);
        lock (lane.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            _sessions.KeepAlive(session);
            if (DurationOf((int)lane.Pending.Length + pcm.Length) > MaxBuffered)
                throw HeyGenErrors.InvalidParameter(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"more than {MaxBuffered.TotalSeconds:0} s of uncommitted audio would be buffered; the chunk was dropped")).ToException();
            if (lane.Pending.Length == 0) lane.PendingEventId = eventId;
            lane.Pending.Write(pcm);
        }
    }

    /// <summary><c>agent.audio_buffer_commit</c>: the appended audio (and the commit's own) plays as one utterance.</summary>
    public void Commit(Session session, ReadOnlySpan<byte> pcm, string? eventId)
    {
        var lane = Lane(session);
        byte[] audio;
        string? id;
        lock (lane.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            lane.Pending.Write(pcm);
            audio = lane.Pending.ToArray();
            id = lane.Pending.Length > pcm.Length ? lane.PendingEventId : eventId;
            ClearPending(lane);
        }
        Speak(session, audio, id);
        SpeakEnd(session);
    }

    /// <summary><c>agent.audio_buffer_clear</c>: drops the uncommitted audio.</summary>
    public void Clear(Session session)
    {
        var lane = Lane(session);
        lock (lane.Gate)
        {
            SessionRules.Require(session, SessionRules.Interact);
            _sessions.KeepAlive(session);
            ClearPending(lane);
        }
    }

    /// <summary><c>agent.interrupt</c>: the avatar stops at once (REST tasks too); see <see cref="OnInterrupted"/>.</summary>
    public void Interrupt(Session session)
    {
        var lane = Lane(session);
        // Held across the session's interrupt so no chunk slips in between the stop and the lane's clearing.
        lock (lane.Gate) _sessions.Interrupt(session);
    }

    /// <summary>However the avatar was stopped (this socket, REST streaming.interrupt, barge-in): started utterances report
    /// <c>speak_interrupted</c>, and none of them reports an end later.</summary>
    private void OnInterrupted(Session session)
    {
        if (!_lanes.TryGetValue(session.Id, out var lane)) return;
        List<RealtimeNotice> notices;
        lock (lane.Gate)
        {
            notices = [.. lane.Utterances.Where(u => u.Announced).Select(u => new RealtimeNotice(RealtimeNoticeKind.SpeakInterrupted, u.EventId, u.TaskId))];
            lane.Utterances.Clear();
            ClearPending(lane);
            lane.Signal();
        }
        Publish(lane, notices);
    }

    /// <summary><c>agent.start_listening</c> / <c>stop_listening</c>: the listening pose (a mismatch is a no-op).</summary>
    public void Listening(Session session, bool listening) => _sessions.SetListening(session, listening);

    /// <summary><c>session.keep_alive</c>: resets the idle timer, as REST streaming.keep_alive does.</summary>
    public void KeepAlive(Session session) => _sessions.KeepAlive(session);

    private static void ClearPending(RealtimeLane lane)
    {
        lane.Pending.SetLength(0);
        if (lane.Pending.Capacity > 256 * 1024) lane.Pending.Capacity = 0; // a long append does not stay held
        lane.PendingEventId = null;
    }

    private RealtimeLane Lane(Session session) =>
        _lanes.TryGetValue(session.Id, out var lane) ? lane : throw SessionState.Closed.WrongStateError().ToException();

    private void End(string sessionId)
    {
        if (!_lanes.TryRemove(sessionId, out var lane)) return;
        lane.Stop.Cancel();
        Publish(lane, [new RealtimeNotice(RealtimeNoticeKind.SessionClosed)]);
    }

    private void Publish(RealtimeLane lane, List<RealtimeNotice> notices)
    {
        if (notices.Count == 0) return;
        Action<RealtimeNotice>[] listeners;
        lock (lane.Gate) listeners = [.. lane.Listeners];
        foreach (var notice in notices)
            foreach (var listener in listeners)
            {
                try { listener(notice); }
                catch (Exception e) when (e is not OutOfMemoryException) { _log.LogWarning(e, "Session {SessionId}: a realtime listener failed", lane.SessionId); }
            }
    }

    /// <summary>The lane's clock: sends each notice when it falls due, woken early by any change.</summary>
    private async Task RunAsync(RealtimeLane lane)
    {
        var stop = lane.Stop.Token;
        while (!stop.IsCancellationRequested)
        {
            List<RealtimeNotice> due;
            DateTimeOffset? next;
            Task changed;
            lock (lane.Gate)
            {
                due = lane.TakeDue(_clock.GetUtcNow(), out next);
                changed = lane.Changed.Task;
            }
            Publish(lane, due);
            if (due.Count > 0) continue;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var timer = next is { } at ? _clock.WaitUntilAsync(at, wait.Token) : Task.Delay(Timeout.Infinite, wait.Token);
            await Task.WhenAny(timer, changed).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }
    }

    private static T Locked<T>(RealtimeLane lane, Func<T> read)
    {
        lock (lane.Gate) return read();
    }

    private sealed class Subscription(RealtimeLane lane, Action<RealtimeNotice> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (lane.Gate) lane.Listeners.Remove(listener);
        }
    }
}
