using System.Text.Json.Nodes;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// <c>POST /v1/sessions/token</c>'s body (liveavatar-wire.md §3.1), checked in a fixed order so a body with several
/// problems always gets the same answer: <c>mode</c> (the discriminator), <c>avatar_id</c>, the common fields, then the
/// mode's own. Messages follow FastAPI's (Q-422: "Unable to extract tag using discriminator 'mode'"). What the emulator
/// cannot serve offline — your own LiveKit or Agora room, a third-party voice agent — is refused by name. A
/// <c>context_id</c> must name one of the key's contexts: its <c>opening_text</c> becomes the session's opening. An
/// <c>avatar_persona.voice_id</c> must be one of <c>GET /v1/voices</c>' ids, whose voice then speaks instead of the avatar's.
/// </summary>
public static class SessionTokenRequest
{
    private static readonly string[] Qualities = ["very_high", "high", "medium", "low"];
    private static readonly string[] Encodings = ["H264", "VP8"];
    private static readonly string[] Interactivity = ["CONVERSATIONAL", "PUSH_TO_TALK"];
    private static readonly string[] Offline = ["livekit_config", "agora_config", "elevenlabs_agent_config", "openai_realtime_config", "gemini_realtime_config"];

    public static LiveAvatarTokenRequest Read(JsonFields body, LiveAvatarCatalogue avatars, LiveAvatarVoices voices, int maxDuration,
        Func<string, string?> contextOpening) =>
        LiveAvatarCall.Validated(() => ReadFields(body, avatars, voices, maxDuration, contextOpening));

    private static LiveAvatarTokenRequest ReadFields(JsonFields body, LiveAvatarCatalogue avatars, LiveAvatarVoices voices, int maxDuration,
        Func<string, string?> contextOpening)
    {
        var modeText = body.Has("mode") ? body.String("mode") : null;
        if (modeText is null) throw Invalid("body: Unable to extract tag using discriminator 'mode'");
        var mode = WireNames<LiveAvatarMode>.Parse(modeText)
            ?? throw Invalid($"body: Input tag '{Short(modeText)}' found using 'mode' does not match any of the expected tags: 'FULL', 'LITE'");
        var branch = "body." + modeText;
        var avatarId = body.String("avatar_id") ?? throw Invalid($"{branch}.avatar_id: Field required");
        if (!Guid.TryParse(avatarId, out _)) throw Invalid($"{branch}.avatar_id: Input should be a valid UUID");
        var sandbox = body.Bool("is_sandbox") ?? false;
        var duration = body.Int("max_session_duration", 1, maxDuration);
        var (quality, encoding) = VideoSettings(body);

        bool pushToTalk = false;
        string? contextId = null, language = null, voiceId = null;
        if (mode == LiveAvatarMode.Full)
        {
            var persona = body.Object("avatar_persona");
            if ((persona is null) == !body.Has("voice_agent"))
                throw Invalid($"{branch}: Value error, Provide exactly one of avatar_persona or voice_agent");
            if (persona is not null)
            {
                voiceId = persona.String("voice_id");
                contextId = persona.String("context_id");
                language = persona.String("language");
                if (contextId is not null && !Guid.TryParse(contextId, out _)) throw Invalid($"{branch}.avatar_persona.context_id: Input should be a valid UUID");
            }
            pushToTalk = body.OneOf("interactivity_type", Interactivity) == "PUSH_TO_TALK";
        }
        else if (Offline.FirstOrDefault(body.Has) is { } unsupported)
        {
            throw LiveAvatarErrors.BadRequest($"{unsupported} cannot be served by the emulator: it is offline and has no way to reach your own " +
                "LiveKit or Agora room or a third-party voice agent. Leave it out: the emulator's own LiveKit room and ws_url stand in.").ToException();
        }

        var avatar = avatars.Find(avatarId) ?? throw LiveAvatarErrors.NotFound("Avatar").ToException();
        if (sandbox && !avatar.Sandbox)
            throw LiveAvatarErrors.BadRequest($"Sandbox sessions can only use the sandbox avatar {LiveAvatarCatalogue.SandboxAvatarId}").ToException();
        // A context this key does not own is as unknown as one that never existed (the emulator's choice: 404 4004).
        var opening = contextId is null ? null : contextOpening(contextId) ?? throw LiveAvatarContexts.NotFound.ToException();
        if (opening?.Length == 0) opening = null;
        // Only the catalogue's voices can speak offline; any other id is as unknown as an avatar's (emulator's choice: 404 4004).
        var voice = voiceId is null ? null : voices.Find(voiceId)?.Voice ?? throw LiveAvatarErrors.NotFound("Voice").ToException();
        return new LiveAvatarTokenRequest(mode, avatar, voice, sandbox, pushToTalk, quality, encoding, duration, contextId, opening, language,
            JsonNode.Parse(body.Element.GetRawText())!.AsObject());
    }

    /// <summary><c>video_settings {quality, encoding}</c> (OAS), or the flat <c>video_quality</c>/<c>video_encoding</c> some clients send (§9.8).</summary>
    private static (VideoQuality, VideoEncoding) VideoSettings(JsonFields body)
    {
        var settings = body.Object("video_settings");
        var quality = settings?.OneOf("quality", Qualities) ?? body.OneOf("video_quality", Qualities) ?? "high";
        var encoding = settings?.OneOf("encoding", Encodings) ?? body.OneOf("video_encoding", Encodings) ?? "H264";
        // 720p is the emulator's largest clip: very_high streams as high.
        var q = quality switch { "low" => VideoQuality.Low, "medium" => VideoQuality.Medium, _ => VideoQuality.High };
        return (q, encoding == "VP8" ? VideoEncoding.Vp8 : VideoEncoding.H264);
    }

    private static HeyGenException Invalid(string detail) => LiveAvatarErrors.Validation(detail).ToException();

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
