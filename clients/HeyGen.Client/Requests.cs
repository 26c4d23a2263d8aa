using System.Text.Json.Serialization;

namespace HeyGen.Client;

/// <summary>streaming.new as the official SDK 2.x builds it (JSON names are HeyGen's).</summary>
public sealed record NewSessionRequest
{
    [JsonPropertyName("avatar_name")] public string? AvatarName { get; init; }
    [JsonPropertyName("avatar_id")] public string? AvatarId { get; init; }
    [JsonPropertyName("quality")] public string? Quality { get; init; }
    [JsonPropertyName("voice")] public VoiceSetting Voice { get; init; } = new();
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; } = "v2";
    [JsonPropertyName("video_encoding")] public string? VideoEncoding { get; init; } = "H264";
    [JsonPropertyName("source")] public string? Source { get; init; } = "sdk";
    [JsonPropertyName("knowledge_base")] public string? KnowledgeBase { get; init; }
    [JsonPropertyName("knowledge_base_id")] public string? KnowledgeBaseId { get; init; }
    [JsonPropertyName("activity_idle_timeout")] public int? ActivityIdleTimeout { get; init; }
    [JsonPropertyName("disable_idle_timeout")] public bool? DisableIdleTimeout { get; init; }
}

public sealed record VoiceSetting
{
    [JsonPropertyName("voice_id")] public string? VoiceId { get; init; }
    [JsonPropertyName("rate")] public double? Rate { get; init; }
    [JsonPropertyName("emotion")] public string? Emotion { get; init; }
}

public sealed record NewSessionInfo(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("is_paid")] bool IsPaid,
    [property: JsonPropertyName("session_duration_limit")] int SessionDurationLimit,
    [property: JsonPropertyName("realtime_endpoint")] string? RealtimeEndpoint);

public sealed record TaskResult(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("duration_ms")] double DurationMs);

/// <summary>The fields of knowledge_base/create and its update (null: not sent, so an update leaves it as it is).</summary>
public sealed record KnowledgeBaseFields(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("opening")] string? Opening = null,
    [property: JsonPropertyName("prompt")] string? Prompt = null);

public sealed record KnowledgeBase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("opening")] string Opening,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("updated_at")] long UpdatedAt);

/// <summary>One voice of GET /v2/voices.</summary>
public sealed record VoiceInfo(
    [property: JsonPropertyName("voice_id")] string VoiceId,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("preview_audio")] string? PreviewAudio,
    [property: JsonPropertyName("support_pause")] bool SupportPause,
    [property: JsonPropertyName("emotion_support")] bool EmotionSupport);
