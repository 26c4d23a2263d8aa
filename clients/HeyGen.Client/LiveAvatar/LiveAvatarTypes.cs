using System.Text.Json.Serialization;

namespace HeyGen.Client.LiveAvatar;

// LiveAvatar's REST data with its exact JSON names (liveavatar-wire.md §3).

public sealed record LiveAvatarSessionToken(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("session_token")] string SessionToken);

/// <summary><c>/start</c>'s data; <c>ws_url</c> only for LITE sessions.</summary>
public sealed record LiveAvatarStartInfo(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("livekit_url")] string LivekitUrl,
    [property: JsonPropertyName("livekit_client_token")] string LivekitClientToken,
    [property: JsonPropertyName("livekit_agent_token")] string? LivekitAgentToken,
    [property: JsonPropertyName("max_session_duration")] int? MaxSessionDuration,
    [property: JsonPropertyName("ws_url")] string? WsUrl);

public sealed record LiveAvatarSessionEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("duration")] int Duration,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("is_sandbox")] bool IsSandbox,
    [property: JsonPropertyName("end_at")] DateTimeOffset? EndAt,
    [property: JsonPropertyName("end_reason")] string? EndReason);

public sealed record LiveAvatarPage<T>(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("next")] string? Next,
    [property: JsonPropertyName("previous")] string? Previous,
    [property: JsonPropertyName("results")] IReadOnlyList<T> Results);

public sealed record LiveAvatarTranscriptLine(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("transcript")] string Transcript,
    [property: JsonPropertyName("absolute_timestamp")] long AbsoluteTimestamp,
    [property: JsonPropertyName("relative_timestamp")] long RelativeTimestamp);

public sealed record LiveAvatarTranscript(
    [property: JsonPropertyName("session_active")] bool SessionActive,
    [property: JsonPropertyName("next_timestamp")] long? NextTimestamp,
    [property: JsonPropertyName("transcript_data")] IReadOnlyList<LiveAvatarTranscriptLine> TranscriptData);
