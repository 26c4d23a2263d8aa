using System.Text.Json.Serialization;

namespace HeyGenEmulator.Api;

/// <summary>
/// What the realtime socket sends (heygen-realtime.md §4): JSON objects only, each with <c>type</c> and a fresh or
/// echoed <c>event_id</c>. The speak events carry the envelope that fits every reading of HeyGen's: the utterance's
/// id as <c>event_id</c> and <c>source_event_id</c>, and <c>task.id</c>.
/// </summary>
public static class RealtimeEvents
{
    public const string StateUpdated = "session.state_updated";
    public const string SpeakStarted = "agent.speak_started";
    public const string SpeakEnded = "agent.speak_ended";
    public const string SpeakInterrupted = "agent.speak_interrupted";
    public const string Error = "error";
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static string NewId() => Guid.NewGuid().ToString();
}

public sealed record RealtimeStateEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("state")] string State);

public sealed record RealtimeTask([property: JsonPropertyName("id")] string Id);

public sealed record RealtimeSpeakEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("source_event_id")] string? SourceEventId,
    [property: JsonPropertyName("task")] RealtimeTask Task);

public sealed record RealtimeErrorDetail(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("event_id")] string? EventId);

public sealed record RealtimeErrorEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("error")] RealtimeErrorDetail Error);
