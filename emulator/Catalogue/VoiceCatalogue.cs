using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Catalogue;

public sealed record Voice(string Id, string Name, string Language, string Gender);

public sealed class VoiceCatalogue
{
    private readonly Dictionary<string, Voice> _voices = new(StringComparer.Ordinal)
    {
        ["1bd001e7e50f421d891986aad5158bc8"] = new("1bd001e7e50f421d891986aad5158bc8", "Paul - Natural", "en", "male"),
        ["2d5b0e6cf36f460aa7fc47e3eee4ba54"] = new("2d5b0e6cf36f460aa7fc47e3eee4ba54", "Emma - Friendly", "en", "female"),
        ["de_voice_anna"] = new("de_voice_anna", "Anna", "de", "female"),
    };

    public VoiceCatalogue(IOptions<EmulatorOptions> options)
    {
        foreach (var (id, v) in options.Value.Voices)
            _voices[id] = new Voice(id, v.Name ?? id, v.Language ?? "en", v.Gender ?? "unknown");
    }

    public string DefaultVoiceId => "1bd001e7e50f421d891986aad5158bc8";

    public IEnumerable<Voice> All => _voices.Values;

    /// <summary>Empty means the avatar's default voice; an unknown id is a 400 naming it.</summary>
    public Voice Resolve(string? requested, string avatarDefault)
    {
        var id = string.IsNullOrWhiteSpace(requested) ? avatarDefault : requested.Trim();
        if (_voices.TryGetValue(id, out var voice)) return voice;
        throw HeyGenErrors.InvalidParameter($"voice_id '{id}' is not a known voice").ToException();
    }
}
