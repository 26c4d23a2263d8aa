namespace HeyGenEmulator.Catalogue;

/// <summary>One entry of <c>GET /v1/languages</c>: <c>{language, code}</c> (OAS).</summary>
public sealed record LiveAvatarLanguage(string Language, string Code);

/// <summary>
/// The languages the emulator lists for LiveAvatar: the ones its speech synthesiser (espeak-ng) speaks. LiveAvatar's
/// own list is not published; the codes are ISO 639-1, as <c>avatar_persona.language</c>'s default "en" is.
/// </summary>
public static class LiveAvatarLanguages
{
    public static IReadOnlyList<LiveAvatarLanguage> All { get; } =
    [
        new("Arabic", "ar"), new("Chinese", "zh"), new("Dutch", "nl"), new("English", "en"), new("French", "fr"),
        new("German", "de"), new("Hindi", "hi"), new("Italian", "it"), new("Japanese", "ja"), new("Korean", "ko"),
        new("Polish", "pl"), new("Portuguese", "pt"), new("Russian", "ru"), new("Spanish", "es"), new("Turkish", "tr"),
    ];
}
