using System.Globalization;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Http;

namespace HeyGenEmulator.Api;

/// <summary>
/// <c>GET /v2/voices</c>: the emulator's voice catalogue (<see cref="VoiceCatalogue"/>) in HeyGen's v2 shape,
/// <c>{"error":null,"data":{"voices":[…]}}</c>; the ids are the ones streaming.new's <c>voice.voice_id</c> takes.
/// Errors: 401 400112 (no API key). Scenarios: features/voices.feature.
/// </summary>
public static class VoiceEndpoints
{
    public static void MapVoiceEndpoints(this RouteGroupBuilder v2) =>
        v2.MapGet("/voices", (HttpContext context, ApiCall api, VoiceCatalogue voices) =>
            {
                api.Authenticate(context, apiKeyOnly: true);
                return Envelope.Data(new VoiceList([.. voices.All.OrderBy(v => v.Id, StringComparer.Ordinal).Select(Wire)]));
            })
            .WithName("ListVoicesV2").WithTags("Voices").WithSummary("Every voice the emulator speaks with (espeak-ng behind each).")
            .Produces<DataEnvelope<VoiceList>>().Produces<ErrorBody>(401);

    // Every catalogue voice speaks in streaming sessions; espeak-ng has no pauses, emotions or locale variants, and
    // there is no recorded preview (an empty preview_audio, rather than a URL that would not play).
    private static VoiceWire Wire(Voice v) =>
        new(v.Id, LanguageName(v.Language), v.Gender, v.Name, PreviewAudio: "", SupportPause: false, EmotionSupport: false,
            SupportInteractiveAvatar: true, SupportLocale: false);

    /// <summary>HeyGen lists languages by English name ("English", "German"); the catalogue keeps codes.</summary>
    private static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
