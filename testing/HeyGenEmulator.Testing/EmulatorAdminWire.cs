using System.Text.Json.Serialization;

namespace HeyGenEmulator.Testing;

/// <summary><c>GET /_emulator/clock</c>: the emulator's time and how far it is ahead of real time.</summary>
public sealed record EmulatorClockState(
    [property: JsonPropertyName("now")] DateTimeOffset Now,
    [property: JsonPropertyName("offset_seconds")] double OffsetSeconds);

/// <summary><c>POST /_emulator/clock/advance</c>: the new time and the sessions the move closed.</summary>
public sealed record ClockAdvance(
    [property: JsonPropertyName("now")] DateTimeOffset Now,
    [property: JsonPropertyName("offset_seconds")] double OffsetSeconds,
    [property: JsonPropertyName("closed_sessions")] IReadOnlyList<ClosedSession> ClosedSessions);

public sealed record ClosedSession(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>
/// A fault to inject: the next calls to <see cref="Endpoint"/> (e.g. <c>streaming.new</c>; null: every endpoint)
/// answer <see cref="Status"/> with HeyGen's <see cref="Code"/> and <see cref="Message"/>, and/or wait
/// <see cref="DelayMs"/> first; <see cref="Times"/> of them (null: until cleared), each with <see cref="Probability"/>.
/// </summary>
public sealed record EmulatorFault
{
    [JsonPropertyName("endpoint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Endpoint { get; init; }
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Status { get; init; }
    [JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Code { get; init; }
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Message { get; init; }
    [JsonPropertyName("times"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Times { get; init; }
    [JsonPropertyName("delay_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DelayMs { get; init; }
    [JsonPropertyName("probability"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Probability { get; init; }
    [JsonPropertyName("seed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Seed { get; init; }
}

/// <summary>A session as <c>GET /_emulator/sessions</c> shows it (wire names: state <c>connected</c>, version <c>v2</c>, …).</summary>
public sealed record EmulatedSession(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("avatar_id")] string AvatarId,
    [property: JsonPropertyName("voice_id")] string? VoiceId,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("video_encoding")] string VideoEncoding,
    [property: JsonPropertyName("quality")] string Quality,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("closed_at")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("close_reason")] string? CloseReason,
    [property: JsonPropertyName("last_activity_at")] DateTimeOffset LastActivityAt,
    [property: JsonPropertyName("idle_timeout_seconds")] double? IdleTimeoutSeconds,
    [property: JsonPropertyName("talking")] bool Talking,
    [property: JsonPropertyName("listening")] bool Listening,
    [property: JsonPropertyName("tasks")] IReadOnlyList<EmulatedTask> Tasks);

public sealed record EmulatedTask(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("task_type")] string TaskType,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("starts_at")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("duration_ms")] double DurationMs);
