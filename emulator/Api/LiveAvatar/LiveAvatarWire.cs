using System.Text.Json.Serialization;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

// LiveAvatar's REST bodies with their exact JSON names (liveavatar-wire.md §3, OAS).

public sealed record SessionTokenData(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("session_token")] string SessionToken);

/// <summary><c>/start</c>'s data: what the SDK reads (SDK L930-933); <c>ws_url</c> only in LITE ("Custom Mode only").</summary>
public sealed record SessionStartData(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("livekit_url")] string LivekitUrl,
    [property: JsonPropertyName("livekit_client_token")] string LivekitClientToken,
    [property: JsonPropertyName("livekit_agent_token")] string LivekitAgentToken,
    [property: JsonPropertyName("max_session_duration")] int MaxSessionDuration,
    [property: JsonPropertyName("ws_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WsUrl);

/// <summary>One entry of <c>GET /v1/sessions</c> and <c>GET /v1/sessions/{id}</c>; <c>end_at</c>/<c>end_reason</c> once it ended.</summary>
public sealed record SessionEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("is_sandbox")] bool IsSandbox,
    [property: JsonPropertyName("credits_consumed")] double CreditsConsumed,
    [property: JsonPropertyName("end_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndAt,
    [property: JsonPropertyName("end_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndReason);

/// <summary>A page of a list: <c>{count, next, previous, results}</c> (OAS).</summary>
public sealed record Paginated<T>(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("previous")] string? Previous,
    [property: JsonPropertyName("results")] IReadOnlyList<T> Results);

public sealed record SessionTranscriptData(
    [property: JsonPropertyName("session_active")] bool SessionActive,
    [property: JsonPropertyName("next_timestamp")] long? NextTimestamp,
    [property: JsonPropertyName("transcript_data")] IReadOnlyList<TranscriptLine> TranscriptData);
