namespace HeyGenEmulator.Catalogue;

/// <summary>One LiveAvatar voice: its UUID and the emulator voice that speaks it.</summary>
public sealed record LiveAvatarVoice(string Id, Voice Voice);

/// <summary>
/// LiveAvatar's public voices: every voice of <see cref="VoiceCatalogue"/> under a UUID derived from its HeyGen id
/// (as <see cref="LiveAvatarCatalogue"/> derives avatar ids), the same in every run. An account has no private voices
/// of its own: those come from third-party providers the emulator cannot reach.
/// </summary>
public sealed class LiveAvatarVoices
{
    private readonly Dictionary<string, LiveAvatarVoice> _voices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LiveAvatarVoice> _byHeyGenId = new(StringComparer.Ordinal);

    public LiveAvatarVoices(VoiceCatalogue voices)
    {
        foreach (var voice in voices.All)
        {
            var entry = new LiveAvatarVoice(IdOf(voice.Id), voice);
            _voices[entry.Id] = entry;
            _byHeyGenId[voice.Id] = entry;
        }
    }

    public static string IdOf(string heyGenVoiceId) => LiveAvatarCatalogue.NameUuid("liveavatar-voice:" + heyGenVoiceId);

    public IEnumerable<LiveAvatarVoice> All => _voices.Values.OrderBy(v => v.Voice.Name, StringComparer.Ordinal);

    public LiveAvatarVoice? Find(string? id) => id is not null && _voices.TryGetValue(id.Trim(), out var v) ? v : null;

    /// <summary>The LiveAvatar voice of an emulator voice (an avatar's default voice), or null when it is not in the catalogue.</summary>
    public LiveAvatarVoice? OfHeyGen(string heyGenVoiceId) => _byHeyGenId.GetValueOrDefault(heyGenVoiceId);
}
