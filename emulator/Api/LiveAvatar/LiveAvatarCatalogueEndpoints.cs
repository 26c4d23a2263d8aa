using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

/// <summary>
/// LiveAvatar's catalogue (liveavatar-wire.md §3): <c>GET /v1/avatars/public</c> and <c>/v1/languages</c> without
/// credentials, <c>/v1/avatars</c> (the key's own avatars: none, the emulator makes no custom avatars),
/// <c>/v1/avatars/{id}</c>, <c>/v1/voices?voice_type=public|private</c> and <c>/v1/voices/{id}</c> with the API key.
/// Ids are UUIDs (<see cref="LiveAvatarCatalogue"/>, <see cref="LiveAvatarVoices"/>); a malformed one is the 422, an
/// unknown one 404 4004. Scenarios: features/liveavatar/catalogue.feature.
/// </summary>
public static class LiveAvatarCatalogueEndpoints
{
    private const string Tag = "LiveAvatar";
    private static readonly string[] VoiceTypes = ["public", "private"];
    /// <summary>Catalogue voices have no creation date of their own: the emulator's catalogue epoch stands in.</summary>
    private static readonly DateTimeOffset VoiceEpoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void MapLiveAvatarCatalogue(this RouteGroupBuilder v1)
    {
        v1.MapGet("/avatars/public", (HttpContext context, LiveAvatarCatalogue avatars, LiveAvatarVoices voices, IOptions<EmulatorOptions> options) =>
                Envelope.LiveAvatar(LiveAvatarPages.Page(context.Request, [.. avatars.All.Select(a => Avatar(a, voices, PublicUrls.Base(context, options.Value)))])))
            .WithName("LiveAvatarPublicAvatars").WithTags(Tag).WithSummary("LiveAvatar's public avatars (no credentials).");
        v1.MapGet("/avatars", (HttpContext context, LiveAvatarCall call) =>
            {
                call.Key(context);
                return Envelope.LiveAvatar(LiveAvatarPages.Page<AvatarData>(context.Request, []));
            })
            .WithName("LiveAvatarAvatars").WithTags(Tag).WithSummary("The key's own avatars: none in the emulator (public ones are at /v1/avatars/public).");
        v1.MapGet("/avatars/{avatarId}", (HttpContext context, string avatarId, LiveAvatarCall call, LiveAvatarCatalogue avatars, LiveAvatarVoices voices,
                IOptions<EmulatorOptions> options) =>
            {
                call.Key(context);
                RequireUuid(avatarId, "avatar_id");
                var avatar = avatars.Find(avatarId) ?? throw LiveAvatarErrors.NotFound("Avatar").ToException();
                return Envelope.LiveAvatar(Avatar(avatar, voices, PublicUrls.Base(context, options.Value)));
            })
            .WithName("LiveAvatarAvatar").WithTags(Tag).WithSummary("One avatar by id.");
        v1.MapGet("/voices", (HttpContext context, LiveAvatarCall call, LiveAvatarVoices voices) =>
            {
                call.Key(context);
                var type = context.Request.Query["voice_type"].ToString();
                if (type.Length > 0 && !VoiceTypes.Contains(type))
                    throw LiveAvatarErrors.Validation("query.voice_type: Input should be 'public' or 'private'").ToException();
                IReadOnlyList<VoiceData> all = type == "private" ? [] : [.. voices.All.Select(Voice)];
                return Envelope.LiveAvatar(LiveAvatarPages.Page(context.Request, all));
            })
            .WithName("LiveAvatarVoices").WithTags(Tag).WithSummary("Voices: voice_type=public (the catalogue, the default) or private (none).");
        v1.MapGet("/voices/{voiceId}", (HttpContext context, string voiceId, LiveAvatarCall call, LiveAvatarVoices voices) =>
            {
                call.Key(context);
                RequireUuid(voiceId, "voice_id");
                var voice = voices.Find(voiceId) ?? throw LiveAvatarErrors.NotFound("Voice").ToException();
                return Envelope.LiveAvatar(Voice(voice));
            })
            .WithName("LiveAvatarVoice").WithTags(Tag).WithSummary("One voice by id.");
        v1.MapGet("/languages", () => Envelope.LiveAvatar(LiveAvatarLanguages.All))
            .WithName("LiveAvatarLanguages").WithTags(Tag).WithSummary("The languages an avatar persona can speak (no credentials).");
    }

    /// <summary>A path id that is not a UUID is FastAPI's 422 (the ids are typed <c>uuid</c> in OAS).</summary>
    public static void RequireUuid(string id, string name)
    {
        if (!Guid.TryParse(id, out _)) throw LiveAvatarErrors.Validation($"path.{name}: Input should be a valid UUID").ToException();
    }

    private static AvatarData Avatar(LiveAvatarAvatar avatar, LiveAvatarVoices voices, string baseUrl)
    {
        var voice = voices.OfHeyGen(avatar.Media.DefaultVoice);
        return new AvatarData(avatar.Id, null, "VIDEO", "ACTIVE", avatar.Name,
            $"{baseUrl}/previews/avatars/{Uri.EscapeDataString(avatar.Media.Id)}.png", false,
            voice is null ? null : new VoiceRef(voice.Id, voice.Voice.Name), false, avatar.Media.CreatedAt, avatar.Media.CreatedAt, null);
    }

    private static VoiceData Voice(LiveAvatarVoice v) =>
        new(v.Id, v.Voice.Name, null, v.Voice.Language, v.Voice.Gender, VoiceEpoch, VoiceEpoch, []);
}
