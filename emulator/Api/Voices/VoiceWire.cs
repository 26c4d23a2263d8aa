using System.Text.Json.Serialization;

namespace HeyGenEmulator.Api;

/// <summary>One voice of GET /v2/voices, with the fields of HeyGen's "List All Voices (V2)" (https://docs.heygen.com/reference/list-voices-v2).</summary>
public sealed record VoiceWire(
    [property: JsonPropertyName("voice_id")] string VoiceId,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("preview_audio")] string PreviewAudio,
    [property: JsonPropertyName("support_pause")] bool SupportPause,
    [property: JsonPropertyName("emotion_support")] bool EmotionSupport,
    [property: JsonPropertyName("support_interactive_avatar")] bool SupportInteractiveAvatar,
    [property: JsonPropertyName("support_locale")] bool SupportLocale);

public sealed record VoiceList([property: JsonPropertyName("voices")] IReadOnlyList<VoiceWire> Voices);
