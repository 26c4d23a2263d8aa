using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// LiveAvatar FULL mode's agent, <c>liveavatar-agent-&lt;session_id&gt;</c>, in the session's LiveKit room
/// (liveavatar-wire.md §4): it takes the client's commands on <c>agent-control</c> and answers on
/// <c>agent-response</c>. No LLM stands behind it: <c>avatar.speak_text</c> speaks the text as given,
/// <c>avatar.speak_response</c> the emulator's deterministic reply (<see cref="Replies"/>, after the context's opening
/// text). Each spoken task reports <c>avatar.transcription</c> (the whole text, at once), <c>avatar.speak_started</c>,
/// one incremental <c>avatar.transcription.chunk</c> per word and <c>avatar.speak_ended</c>, with the command's
/// <c>event_id</c> as <c>source_event_id</c>. The session's end sends <c>session.stopped</c> before the room's leave.
/// </summary>
public sealed class LiveAvatarAgent(Session session, SessionManager sessions, LiveKitRooms rooms, LiveKitJournal journal,
    EmulatorClock clock, ILogger log) : IRoomAgent
{
    /// <summary>Source ids remembered per session, for the events of tasks still queued or playing.</summary>
    private const int MaxRemembered = 256;

    private readonly ConcurrentDictionary<string, string?> _sourceOf = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private string? _userSaid;

    public string Identity { get; } = "liveavatar-agent-" + session.Id;

    public LiveAvatarTranscript Transcript { get; } = new(session.CreatedAt);

    public bool PushToTalkOnly => session.Spec.LiveAvatar?.PushToTalk == true;

    public void OnClientData(string? topic, string payload)
    {
        if (topic != LiveAvatarEvents.ControlTopic)
        {
            Note(400, "ignored", new JsonObject { ["reason"] = $"topic '{topic}' is not {LiveAvatarEvents.ControlTopic}" });
            return;
        }
        JsonObject command;
        try
        {
            command = JsonNode.Parse(payload) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            Note(400, "command_refused", new JsonObject { ["reason"] = "not a JSON object: " + e.Message });
            return;
        }
        var type = Text(command, "event_type");
        var eventId = Text(command, "event_id");
        Note(200, "command", new JsonObject { ["event_type"] = type, ["event_id"] = eventId });
        try
        {
            switch (type)
            {
                case LiveAvatarEvents.SpeakText:
                    _ = SpeakAsync(TaskType.Repeat, Text(command, "text"), eventId);
                    break;
                case LiveAvatarEvents.SpeakResponse:
                    _ = SpeakAsync(TaskType.Talk, Text(command, "text"), eventId);
                    break;
                case LiveAvatarEvents.Interrupt:
                    sessions.Interrupt(session);
                    break;
                case LiveAvatarEvents.StartListening or LiveAvatarEvents.StopListening:
                    sessions.SetListening(session, type == LiveAvatarEvents.StartListening);
                    break;
                case LiveAvatarEvents.StartPushToTalk or LiveAvatarEvents.StopPushToTalk:
                    PushToTalk(type == LiveAvatarEvents.StartPushToTalk, eventId);
                    break;
                case LiveAvatarEvents.SessionKeepAlive:
                    sessions.KeepAlive(session);
                    break;
                case LiveAvatarEvents.SessionStop:
                    sessions.Stop(session);
                    break;
                default:
                    Note(400, "command_refused", new JsonObject { ["reason"] = $"unknown event_type '{type}'" });
                    break;
            }
        }
        catch (HeyGenException e)
        {
            Note(e.Error.Status, "command_refused", new JsonObject { ["event_type"] = type, ["reason"] = e.Error.Message });
        }
    }

    private async Task SpeakAsync(TaskType type, string? text, string? eventId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Note(400, "command_refused", new JsonObject { ["event_id"] = eventId, ["reason"] = "text is required" });
            return;
        }
        var taskId = Guid.NewGuid().ToString();
        Remember(taskId, eventId);
        try
        {
            await sessions.SpeakAsync(session, type, TaskMode.Async, text, CancellationToken.None, taskId).ConfigureAwait(false);
        }
        catch (HeyGenException e)
        {
            Note(e.Error.Status, "command_refused", new JsonObject { ["event_id"] = eventId, ["reason"] = e.Error.Message });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Session {SessionId}: LiveAvatar speech failed", session.Id);
        }
    }

    private void PushToTalk(bool on, string? eventId)
    {
        bool ok = PushToTalkOnly && rooms.PushToTalk(session.Id, on);
        var reply = (on, ok) switch
        {
            (true, true) => LiveAvatarEvents.PushToTalkStarted,
            (true, false) => LiveAvatarEvents.PushToTalkStartFailed,
            (false, true) => LiveAvatarEvents.PushToTalkStopped,
            _ => LiveAvatarEvents.PushToTalkStopFailed,
        };
        Send(reply, eventId);
    }

    private void Remember(string taskId, string? eventId)
    {
        lock (_order)
        {
            _sourceOf[taskId] = eventId;
            _order.Enqueue(taskId);
            while (_order.Count > MaxRemembered) _sourceOf.TryRemove(_order.Dequeue(), out _);
        }
    }

    private string? SourceOf(string taskId) => _sourceOf.TryGetValue(taskId, out var id) ? id : null;

    public void Started(string sessionId, SpokenTask task)
    {
        Transcript.Add("avatar", task.Clip.Text, clock.GetUtcNow());
        var source = SourceOf(task.TaskId);
        Send(LiveAvatarEvents.AvatarTranscription, source, new JsonObject { ["text"] = task.Clip.Text });
        Send(LiveAvatarEvents.AvatarSpeakStarted, source);
    }

    public bool Word(string sessionId, SpokenTask task, string word) =>
        Send(LiveAvatarEvents.AvatarTranscriptionChunk, SourceOf(task.TaskId), new JsonObject { ["text"] = word }, journaled: false);

    public void Ended(string sessionId, SpokenTask task, TimeSpan spoken, int words, int delivered)
    {
        if (words > 0) rooms.JournalTalkingMessages(sessionId, task.TaskId, words, delivered, LiveAvatarEvents.AvatarTranscriptionChunk);
        Send(LiveAvatarEvents.AvatarSpeakEnded, SourceOf(task.TaskId));
    }

    public void Ending(string reason)
    {
        var endReason = LiveAvatarEvents.EndReason(reason);
        // The SDK reads stop_reason, the docs say end_reason: both carry it (liveavatar-wire.md §9.3).
        Send(LiveAvatarEvents.SessionStopped, null, new JsonObject { ["stop_reason"] = endReason, ["end_reason"] = endReason });
    }

    /// <summary>The user's voice turn (the microphone's VAD, push-to-talk, or the admin API's user_turn).</summary>
    public void UserStarted() => Send(LiveAvatarEvents.UserSpeakStarted, null);

    /// <summary>
    /// The turn's words: cumulative <c>user.transcription.chunk</c> events (each the phrase so far, as HeyGen's demo
    /// reads them), kept for the final <c>user.transcription</c> that follows <c>user.speak_ended</c>.
    /// </summary>
    public void UserTranscript(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 1; i <= words.Length; i++)
            Send(LiveAvatarEvents.UserTranscriptionChunk, null, new JsonObject { ["text"] = string.Join(' ', words[..i]) }, journaled: false);
        Volatile.Write(ref _userSaid, text);
    }

    public void UserStopped()
    {
        Send(LiveAvatarEvents.UserSpeakEnded, null);
        if (Interlocked.Exchange(ref _userSaid, null) is not { } said) return;
        Transcript.Add("user", said, clock.GetUtcNow());
        Send(LiveAvatarEvents.UserTranscription, null, new JsonObject { ["text"] = said });
    }

    private bool Send(string type, string? source, JsonObject? extra = null, bool journaled = true) =>
        rooms.SendAgentEvent(session.Id, LiveAvatarEvents.ResponseTopic, LiveAvatarEvents.Event(type, session.Id, source, extra), journaled);

    private void Note(int status, string step, JsonObject details) =>
        journal.Record(session.Id, "DATA", "/rtc#publisher", status, step, details, LiveKitJournal.LiveAvatarKind);

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
