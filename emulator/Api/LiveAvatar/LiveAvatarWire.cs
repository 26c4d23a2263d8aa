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

/// <summary>An avatar of <c>/v1/avatars</c>, <c>/v1/avatars/public</c> and <c>/v1/avatars/{id}</c> (OAS).</summary>
public sealed record AvatarData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("preview_url")] string PreviewUrl,
    [property: JsonPropertyName("is_expired")] bool IsExpired,
    [property: JsonPropertyName("default_voice")] VoiceRef? DefaultVoice,
    [property: JsonPropertyName("is_1080p")] bool Is1080p,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("error_message")] string? ErrorMessage);

/// <summary>An avatar's default voice: its id and name (the shape is the emulator's; OAS names the field only).</summary>
public sealed record VoiceRef(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>A voice of <c>/v1/voices</c> and <c>/v1/voices/{id}</c> (OAS).</summary>
public sealed record VoiceData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

/// <summary>A context in a list: <c>{id, name, created_at, updated_at}</c> (OAS).</summary>
public sealed record ContextSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>One context in full: the list's fields, its texts, links and <c>required_dynamic_variables</c> (OAS).</summary>
public sealed record ContextData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("opening_text")] string OpeningText,
    [property: JsonPropertyName("links")] IReadOnlyList<ContextLinkData> Links,
    [property: JsonPropertyName("required_dynamic_variables")] IReadOnlyList<string> RequiredDynamicVariables,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

public sealed record ContextLinkData(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("faq")] string Faq,
    [property: JsonPropertyName("id")] string Id);
