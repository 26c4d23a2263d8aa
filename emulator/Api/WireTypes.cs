using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HeyGenEmulator.Api;

// Wire types with HeyGen's exact JSON names (heygen-wire.md §3–§4). Requests are parsed by Requests.cs
// (which validates every field); these records also describe the bodies in the OpenAPI document.

public sealed record SuccessEnvelope<T>(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] T? Data);

public sealed record TokenEnvelope(
    [property: JsonPropertyName("error")] object? Error,
    [property: JsonPropertyName("data")] TokenData Data);

public sealed record TokenData([property: JsonPropertyName("token")] string Token);

public sealed record ErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);

public sealed record VoiceSettings(
    [property: JsonPropertyName("voice_id")] string? VoiceId,
    [property: JsonPropertyName("rate")] double? Rate,
    [property: JsonPropertyName("emotion")] string? Emotion,
    [property: JsonPropertyName("elevenlabs_settings")] JsonObject? ElevenlabsSettings);

public sealed record SttSettings(
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("confidence")] double? Confidence);

public sealed record NewSessionRequest(
    [property: JsonPropertyName("avatar_name")] string? AvatarName,
    [property: JsonPropertyName("avatar_id")] string? AvatarId,
    [property: JsonPropertyName("quality")] string? Quality,
    [property: JsonPropertyName("voice")] VoiceSettings? Voice,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("video_encoding")] string? VideoEncoding,
    [property: JsonPropertyName("knowledge_base")] string? KnowledgeBase,
    [property: JsonPropertyName("knowledge_base_id")] string? KnowledgeBaseId,
    [property: JsonPropertyName("activity_idle_timeout")] int? ActivityIdleTimeout,
    [property: JsonPropertyName("disable_idle_timeout")] bool? DisableIdleTimeout,
    [property: JsonPropertyName("stt_settings")] SttSettings? SttSettings,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("ia_is_livekit_transport")] bool? IaIsLivekitTransport,
    [property: JsonPropertyName("silence_response")] bool? SilenceResponse);

public sealed record SessionDescriptionWire(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sdp")] string Sdp);

public sealed record IceServer(
    [property: JsonPropertyName("urls")] string[] Urls,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("credential")] string? Credential,
    [property: JsonPropertyName("credentialType")] string? CredentialType);

public sealed record NewSessionData(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("sdp")] SessionDescriptionWire? Sdp,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("ice_servers")] IceServer[]? IceServers,
    [property: JsonPropertyName("ice_servers2")] IceServer[]? IceServers2,
    [property: JsonPropertyName("is_paid")] bool IsPaid,
    [property: JsonPropertyName("session_duration_limit")] int SessionDurationLimit,
    [property: JsonPropertyName("realtime_endpoint")] string RealtimeEndpoint,
    [property: JsonPropertyName("livekit_agent_token")] string? LivekitAgentToken);

public sealed record SessionIdRequest([property: JsonPropertyName("session_id")] string SessionId);

public sealed record StartSessionRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("sdp")] SessionDescriptionWire? Sdp);

public sealed record IceCandidateWire(
    [property: JsonPropertyName("candidate")] string Candidate,
    [property: JsonPropertyName("sdpMid")] string? SdpMid,
    [property: JsonPropertyName("sdpMLineIndex")] int? SdpMLineIndex,
    [property: JsonPropertyName("usernameFragment")] string? UsernameFragment);

public sealed record IceRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("candidate")] IceCandidateWire Candidate);

public sealed record TaskRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("task_type")] string? TaskType,
    [property: JsonPropertyName("task_mode")] string? TaskMode);

public sealed record TaskData(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("duration_ms")] double DurationMs);

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
