using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

public sealed record VoiceSettings(
    [property: JsonPropertyName("voice_id")] string? VoiceId,
    [property: JsonPropertyName("rate")] double? Rate,
    [property: JsonPropertyName("emotion")] string? Emotion,
    [property: JsonPropertyName("elevenlabs_settings")] JsonObject? ElevenlabsSettings);

public sealed record SttSettings(
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("confidence")] double? Confidence);

/// <summary>streaming.new's body (heygen-wire.md §4.2). Unknown fields are ignored, as HeyGen does.</summary>
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
    [property: JsonPropertyName("knowledge_id")] string? KnowledgeId,
    [property: JsonPropertyName("livekit_settings")] JsonObject? LivekitSettings,
    [property: JsonPropertyName("activity_idle_timeout")] int? ActivityIdleTimeout,
    [property: JsonPropertyName("disable_idle_timeout")] bool? DisableIdleTimeout,
    [property: JsonPropertyName("stt_settings")] SttSettings? SttSettings,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("ia_is_livekit_transport")] bool? IaIsLivekitTransport,
    [property: JsonPropertyName("silence_response")] bool? SilenceResponse);

/// <summary>The fields of streaming.new that decide the session, typed; everything else is accepted and ignored.</summary>
public sealed record NewSessionFields(
    string? AvatarKey,
    string? VoiceId,
    double? VoiceRate,
    string? Emotion,
    VideoQuality? Quality,
    ApiVersion? Version,
    VideoEncoding? VideoEncoding,
    string? Language,
    string? KnowledgeBase,
    (string Field, string Id)? KnowledgeBaseRef,
    int? ActivityIdleTimeout,
    bool? DisableIdleTimeout,
    bool? LiveKitTransport)
{
    public static readonly string[] Emotions = ["excited", "serious", "friendly", "soothing", "broadcaster"];
    public static readonly string[] SttProviders = ["deepgram", "gladia"];
    private static readonly string[] StreamingVersions = [WireNames<ApiVersion>.Of(ApiVersion.V1), WireNames<ApiVersion>.Of(ApiVersion.V2)];

    /// <summary>
    /// Wrong types and out-of-range values are 400s naming the field; fields are checked in a fixed order, so a body
    /// with several problems always gets the same answer.
    /// </summary>
    public static NewSessionFields Read(JsonFields body)
    {
        var voice = body.Object("voice");
        var stt = body.Object("stt_settings");
        body.Object("livekit_settings");
        body.Bool("disable_idle_timeout");
        // Some integrations (seed 002) send voice_id at the top level; treat it as voice.voice_id.
        var topLevelVoiceId = body.String("voice_id");
        var avatarName = body.String("avatar_name");
        var avatarId = body.String("avatar_id");
        var quality = body.OneOf<VideoQuality>("quality");
        var voiceId = voice?.String("voice_id") ?? topLevelVoiceId;
        var rate = voice?.Number("rate", 0.5, 1.5);
        var emotion = voice?.OneOf("emotion", Emotions, ignoreCase: true)?.ToLowerInvariant();
        voice?.ObjectNode("elevenlabs_settings");
        var language = body.String("language");
        // HeyGen's versions only: a LiveAvatar session is made by LiveAvatar's own API, never by streaming.new.
        var version = WireNames<ApiVersion>.Parse(body.OneOf("version", StreamingVersions));
        var encoding = body.OneOf<VideoEncoding>("video_encoding", ignoreCase: true);
        var knowledgeBase = body.String("knowledge_base");
        // The SDK sends knowledge_base_id, Pipecat knowledge_id; an empty one names none.
        var knowledgeBaseRef = ReadKnowledgeBaseRef(body, "knowledge_base_id") ?? ReadKnowledgeBaseRef(body, "knowledge_id");
        var idleTimeout = body.Int("activity_idle_timeout", 30, 3600);
        var disableIdle = body.Bool("disable_idle_timeout");
        stt?.OneOf("provider", SttProviders, ignoreCase: true);
        stt?.Number("confidence", 0, 1);
        body.String("source");
        var liveKitTransport = body.Bool("ia_is_livekit_transport");
        body.Bool("silence_response");
        return new NewSessionFields(
            // The docs name the field avatar_id, the SDK sends avatar_name; the documented one wins when both are set.
            AvatarKey: string.IsNullOrWhiteSpace(avatarId) ? avatarName : avatarId,
            voiceId, rate, emotion, quality, version, encoding, language, knowledgeBase, knowledgeBaseRef, idleTimeout, disableIdle, liveKitTransport);
    }

    private static (string Field, string Id)? ReadKnowledgeBaseRef(JsonFields body, string field) =>
        body.String(field) is { } id && !string.IsNullOrWhiteSpace(id) ? (field, id.Trim()) : null;
}
