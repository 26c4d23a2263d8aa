using System.Text.Json.Nodes;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// LiveAvatar FULL mode's data topics and event names (liveavatar-wire.md §4.1-4.2), and the envelope every event
/// the agent sends has: <c>{event_id, event_type, session_id, source_event_id, …}</c> (D-FULL), a fresh UUID as
/// <c>event_id</c> and the client command's id (or null) as <c>source_event_id</c>.
/// </summary>
public static class LiveAvatarEvents
{
    public const string ControlTopic = "agent-control", ResponseTopic = "agent-response";

    public const string SpeakText = "avatar.speak_text", SpeakResponse = "avatar.speak_response", Interrupt = "avatar.interrupt",
        StartListening = "avatar.start_listening", StopListening = "avatar.stop_listening",
        StartPushToTalk = "user.start_push_to_talk", StopPushToTalk = "user.stop_push_to_talk",
        SessionStop = "session.stop", SessionKeepAlive = "session.keep_alive";

    public const string UserSpeakStarted = "user.speak_started", UserSpeakEnded = "user.speak_ended",
        UserTranscriptionChunk = "user.transcription.chunk", UserTranscription = "user.transcription",
        AvatarTranscriptionChunk = "avatar.transcription.chunk", AvatarTranscription = "avatar.transcription",
        AvatarSpeakStarted = "avatar.speak_started", AvatarSpeakEnded = "avatar.speak_ended",
        SessionStopped = "session.stopped",
        PushToTalkStarted = "user.push_to_talk_started", PushToTalkStartFailed = "user.push_to_talk_start_failed",
        PushToTalkStopped = "user.push_to_talk_stopped", PushToTalkStopFailed = "user.push_to_talk_stop_failed";

    public static JsonObject Event(string type, string sessionId, string? sourceEventId, JsonObject? extra = null)
    {
        var payload = new JsonObject
        {
            ["event_id"] = Guid.NewGuid().ToString(),
            ["event_type"] = type,
            ["session_id"] = sessionId,
            ["source_event_id"] = sourceEventId,
        };
        if (extra is not null)
            foreach (var (key, value) in extra) payload[key] = value?.DeepClone();
        return payload;
    }

    /// <summary>
    /// Why a session ended, as LiveAvatar's <c>SessionEndReasonEnum</c> (OAS) names it: the client's stop is
    /// USER_CLOSED, the emulator's limits IDLE_TIMEOUT and MAX_DURATION_REACHED, an admin kill or reset SERVER_ERROR.
    /// </summary>
    public static string EndReason(string closeReason) => closeReason switch
    {
        "stop" => "USER_CLOSED",
        "idle_timeout" => "IDLE_TIMEOUT",
        "duration_limit" => "MAX_DURATION_REACHED",
        "admin" or "reset" => "SERVER_ERROR",
        _ => "UNKNOWN",
    };
}
