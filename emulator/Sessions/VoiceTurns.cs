using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Streaming;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Sessions;

/// <summary>What one user turn came to: its id (the reply task's too), what the user "said", where that came from, and the reply.</summary>
public sealed record UserTurn(string TurnId, string Transcript, string Source, TimeSpan Length, Task<SpeechTask?> Reply);

/// <summary>
/// Voice chat's turns: the user starts speaking (<c>user_start</c>; an avatar still talking is interrupted, as
/// HeyGen's voice chat lets the user barge in), stops, and the utterance gets its words — a transcript queued through
/// the admin API first, else the configured recogniser's (<c>Emulator:Speech:RecognizerCommand</c>), else the
/// placeholder <c>(speech, 1.4 s)</c> — which go out as the transcript events, then <c>user_stop</c>, then the avatar
/// answers with a talk task (<see cref="Replies"/>: <c>You said: …</c>, after the knowledge base's opening).
/// <para>
/// Each session's turns run one after another on a lane, so a start never overtakes the stop before it; nothing on a
/// media or socket thread waits for them. Bounded: at most <see cref="MaxPendingSteps"/> steps waiting per session (more
/// are dropped and journaled), the queued transcripts (<c>Emulator:Speech:MaxQueuedTranscripts</c>), the recogniser
/// (its timeout, two runs at once), an utterance's audio (<see cref="UtteranceRecorder.MaxAudio"/>).
/// </para>
/// </summary>
public sealed class VoiceTurns : IDisposable
{
    public const int MaxPendingSteps = 16;
    public const string FromScript = "script", FromRecognizer = "recognizer", FromPlaceholder = "placeholder", FromAdmin = "user_turn";

    private sealed class Lane
    {
        public readonly Queue<string> Script = new();
        public Task Tail = Task.CompletedTask;
        public int Pending;
        public bool Open;
        public DateTimeOffset StartedAt;
        public Task Reply = Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SessionManager _sessions;
    private readonly IUserTurnEvents[] _sinks;
    private readonly LiveKitJournal _journal;
    private readonly ChatSockets _chats;
    private readonly LiveKitRooms _rooms;
    private readonly EmulatorClock _clock;
    private readonly SpeechOptions _options;
    private readonly ILogger<VoiceTurns> _log;
    private readonly SpeechRecognizer? _recognizer;

    public VoiceTurns(SessionManager sessions, IEnumerable<IUserTurnEvents> sinks, LiveKitJournal journal, ChatSockets chats, LiveKitRooms rooms,
        EmulatorClock clock, IOptions<EmulatorOptions> options, ILogger<VoiceTurns> log)
    {
        _sessions = sessions;
        _sinks = [.. sinks];
        _journal = journal;
        _chats = chats;
        _rooms = rooms;
        _clock = clock;
        _options = options.Value.Speech;
        _log = log;
        if (!string.IsNullOrWhiteSpace(_options.RecognizerCommand))
            _recognizer = new SpeechRecognizer(_options.RecognizerCommand, TimeSpan.FromSeconds(Math.Max(1, _options.RecognizerTimeoutSeconds)));
        sessions.Closed += (session, reason) => _lanes.TryRemove(session.Id, out _);
        sessions.ListeningChanged += OnListening;
    }

    /// <summary>Whether utterances need their audio: only a recogniser reads it.</summary>
    public bool RecognizerConfigured => _recognizer is not null;

    public void Dispose() => _recognizer?.Dispose();

    /// <summary>The placeholder transcript of an utterance nobody scripted or recognised.</summary>
    public static string Placeholder(TimeSpan length) =>
        string.Create(CultureInfo.InvariantCulture, $"(speech, {length.TotalSeconds:0.0} s)");

    /// <summary>Admin: what the session's next utterance "said"; the count now queued. 400 400175 when the queue is full.</summary>
    public int Queue(Session session, string text)
    {
        if (!session.IsOpen) throw session.State.WrongStateError().ToException();
        TaskLimits.RequireLength(text, _sessions.MaxTaskTextLength);
        var lane = _lanes.GetOrAdd(session.Id, _ => new Lane());
        lock (lane)
        {
            if (lane.Script.Count >= _options.MaxQueuedTranscripts)
                throw HeyGenErrors.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                    $"text: at most {_options.MaxQueuedTranscripts} transcripts may be queued (Emulator:Speech:MaxQueuedTranscripts)")).ToException();
            lane.Script.Enqueue(text.Trim());
            return lane.Script.Count;
        }
    }

    /// <summary>The user started speaking (VAD or push-to-talk): user_start, and barge-in.</summary>
    public void Started(string sessionId) => _ = Enqueue(sessionId, async lane => { await StartAsync(sessionId, lane).ConfigureAwait(false); return null; });

    /// <summary>The utterance ended: its words, the transcript events, user_stop, the reply.</summary>
    public void Stopped(string sessionId, Utterance utterance) => _ = Enqueue(sessionId, lane => EndAsync(sessionId, lane, utterance, null));

    /// <summary>
    /// Admin: a whole turn with no audio: what a spoken one emits (user_start, the transcript, user_stop) and the reply,
    /// the user "speaking" as long as the words take at 175 words a minute (at least 0.5 s) on the emulator's clock.
    /// <paramref name="text"/> is what was said; without it the queue or the placeholder answers, as for speech.
    /// </summary>
    public async Task<UserTurn> SimulateAsync(Session session, string? text)
    {
        SessionRules.Require(session, SessionRules.Interact);
        if (text is not null) TaskLimits.RequireLength(text, _sessions.MaxTaskTextLength);
        var length = TimeSpan.FromSeconds(Math.Max(0.5, SpeechEstimate.For(text ?? "", 1.0).TotalSeconds));
        var turn = await (Enqueue(session.Id, async lane =>
        {
            await StartAsync(session.Id, lane).ConfigureAwait(false);
            // The user "speaks" for as long as the words take, so the transcript follows user_start as it would.
            await _clock.WaitUntilAsync(_clock.GetUtcNow() + length, CancellationToken.None).ConfigureAwait(false);
            return await EndAsync(session.Id, lane, new Utterance(length, null), text).ConfigureAwait(false);
        }) ?? throw HeyGenErrors.InvalidParameter($"too many voice turns pending for this session (at most {MaxPendingSteps})").ToException()).ConfigureAwait(false);
        return turn ?? throw session.State.WrongStateError().ToException();
    }

    /// <summary>streaming.start/stop_listening bound an utterance when the session's chat socket asked for push-to-talk.</summary>
    private void OnListening(Session session, bool listening)
    {
        if (!_chats.PushToTalkMode(session.Id)) return;
        if (_rooms.PushToTalk(session.Id, listening) || _chats.PushToTalk(session.Id, listening)) return;
        if (listening) Started(session.Id);
        else Stopped(session.Id, new Utterance(TimeSpan.Zero, null));
    }

    private Task<UserTurn?>? Enqueue(string sessionId, Func<Lane, Task<UserTurn?>> step)
    {
        if (_sessions.FindAny(sessionId) is not { IsOpen: true }) return null;
        var lane = _lanes.GetOrAdd(sessionId, _ => new Lane());
        lock (lane)
        {
            if (lane.Pending >= MaxPendingSteps)
            {
                _journal.Record(sessionId, "VOICE", "/voice", 429, "turn_dropped", new JsonObject { ["pending"] = lane.Pending });
                return null;
            }
            lane.Pending++;
            var previous = lane.Tail;
            var run = RunAsync(previous, lane, step, sessionId);
            lane.Tail = run;
            return run;
        }
    }

    private async Task<UserTurn?> RunAsync(Task previous, Lane lane, Func<Lane, Task<UserTurn?>> step, string sessionId)
    {
        try { await previous.ConfigureAwait(false); } catch (Exception) { }
        try
        {
            return await step(lane).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogWarning(e, "Session {SessionId}: voice turn failed", sessionId);
            return null;
        }
        finally
        {
            lock (lane) lane.Pending--;
        }
    }

    /// <summary>How long barge-in waits for user_start to leave on the chat socket before it stops the avatar.</summary>
    internal static readonly TimeSpan UserStartWait = TimeSpan.FromSeconds(1);

    private async Task StartAsync(string sessionId, Lane lane)
    {
        if (lane.Open) return;
        lane.Open = true;
        lane.StartedAt = _clock.GetUtcNow();
        var told = new Task[_sinks.Length];
        for (int i = 0; i < _sinks.Length; i++) told[i] = _sinks[i].UserStarted(sessionId);
        // user_start goes out on the chat socket, the stop below on LiveKit data: two wires with no order between them,
        // and a client must read user_start first (the SDK's demo shows the user speaking, then the avatar stopping).
        // So the stop waits until the socket has taken the frame; bounded, since a stalled client must not hold the turn.
        try { await Task.WhenAll(told).WaitAsync(UserStartWait).ConfigureAwait(false); }
        catch (TimeoutException) { }
        // Barge-in: the user speaking over the avatar (or over a reply still being prepared) stops it, as streaming.interrupt does.
        if (_sessions.FindAny(sessionId) is not { } session) return;
        bool talking = session.IsTalking(_clock.GetUtcNow()), preparing = !lane.Reply.IsCompleted;
        if (!talking && !preparing) return;
        try
        {
            _sessions.Interrupt(session);
            _journal.Record(sessionId, "VOICE", "/voice", 200, "barge_in", new JsonObject { ["talking"] = talking, ["reply_in_preparation"] = preparing });
        }
        catch (HeyGenException) { } // the session is no longer connected: nothing is talking
    }

    private async Task<UserTurn?> EndAsync(string sessionId, Lane lane, Utterance utterance, string? said)
    {
        if (!lane.Open) return null; // a stop with no start (e.g. push-to-talk closed twice)
        lane.Open = false;
        var length = utterance.Length > TimeSpan.Zero ? utterance.Length : _clock.GetUtcNow() - lane.StartedAt;
        string? text = said;
        string source = FromAdmin;
        if (text is null)
        {
            lock (lane) text = lane.Script.Count > 0 ? lane.Script.Dequeue() : null;
            source = FromScript;
        }
        if (text is null && _recognizer is not null && utterance.Audio is { } audio)
        {
            text = await RecognizeAsync(sessionId, audio).ConfigureAwait(false);
            source = FromRecognizer;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            text = Placeholder(length);
            source = FromPlaceholder;
        }
        var turnId = Guid.NewGuid().ToString();
        foreach (var sink in _sinks) sink.UserTranscript(sessionId, turnId, text);
        foreach (var sink in _sinks) sink.UserStopped(sessionId);
        _journal.Record(sessionId, "VOICE", "/voice", 200, "user_turn", new JsonObject
        {
            ["task_id"] = turnId, ["transcript"] = text, ["source"] = source, ["length_ms"] = Math.Round(length.TotalMilliseconds),
        });
        var reply = ReplyAsync(sessionId, turnId, text);
        lane.Reply = reply;
        return new UserTurn(turnId, text, source, length, reply);
    }

    private async Task<string?> RecognizeAsync(string sessionId, UtteranceAudio audio)
    {
        var wav = UtteranceWav.Wrap(audio.Pcm16, audio.SampleRate);
        var result = await _recognizer!.RecognizeAsync(wav).ConfigureAwait(false);
        if (result.Text is { } text)
            return text.Length > _sessions.MaxTaskTextLength ? text[.._sessions.MaxTaskTextLength] : text;
        _log.LogWarning("Session {SessionId}: speech recogniser ({Command}) failed: {Failure}; the placeholder stands in",
            sessionId, _recognizer.Command, result.Failure);
        _journal.Record(sessionId, "VOICE", "/voice", 502, "recognizer_failed", new JsonObject { ["failure"] = result.Failure });
        return null;
    }

    /// <summary>The avatar's answer: a talk task whose id is the turn's. A refusal (closed session, limits) is journaled.</summary>
    private async Task<SpeechTask?> ReplyAsync(string sessionId, string turnId, string text)
    {
        if (_sessions.FindAny(sessionId) is not { } session) return null;
        try
        {
            return await _sessions.SpeakAsync(session, TaskType.Talk, TaskMode.Async, text, CancellationToken.None, turnId).ConfigureAwait(false);
        }
        catch (HeyGenException e) when (!session.IsOpen)
        {
            // The session ended while the reply was prepared (a stop right after the user spoke): nothing was refused.
            _journal.Record(sessionId, "VOICE", "/voice", 200, "reply_dropped", new JsonObject { ["reason"] = e.Error.Message });
            return null;
        }
        catch (HeyGenException e)
        {
            _journal.Record(sessionId, "VOICE", "/voice", e.Error.Status, "task_refused", new JsonObject { ["message"] = e.Error.Message });
            return null;
        }
    }
}
