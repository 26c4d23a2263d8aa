using System.Text.Json.Serialization;

namespace HeyGenEmulator.Api;

// GET /v1/streaming.list, /v2/streaming.list and /v1/streaming/avatar.list answers, with HeyGen's JSON names.

public sealed record ActiveSessionWire(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] long CreatedAt);

public sealed record ActiveSessionsData([property: JsonPropertyName("sessions")] IReadOnlyList<ActiveSessionWire> Sessions);

public sealed record SessionHistoryWire(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("api_key_type")] string ApiKeyType,
    [property: JsonPropertyName("duration")] long Duration,
    [property: JsonPropertyName("avatar_id")] string AvatarId,
    [property: JsonPropertyName("voice_name")] string VoiceName);

public sealed record SessionHistoryPage(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("next_pagination_token")] string? NextPaginationToken,
    [property: JsonPropertyName("data")] IReadOnlyList<SessionHistoryWire> Data);

public sealed record AvatarWire(
    [property: JsonPropertyName("avatar_id")] string AvatarId,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("default_voice")] string DefaultVoice,
    [property: JsonPropertyName("is_public")] bool IsPublic,
    [property: JsonPropertyName("normal_preview")] string NormalPreview,
    [property: JsonPropertyName("pose_name")] string PoseName,
    [property: JsonPropertyName("status")] string Status);
