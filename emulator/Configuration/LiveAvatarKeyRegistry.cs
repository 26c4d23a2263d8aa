using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Configuration;

/// <summary>
/// LiveAvatar's API keys: their own set, as LiveAvatar's are not HeyGen's (D-MIG). A key configured for both APIs is
/// kept for HeyGen only, so a session of one API can never be owned by a key of the other.
/// </summary>
public sealed class LiveAvatarKeyRegistry
{
    private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public LiveAvatarKeyRegistry(IOptions<EmulatorOptions> options, ApiKeyRegistry heyGenKeys)
    {
        var configured = options.Value.LiveAvatar.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (configured.Count == 0) configured.Add(LiveAvatarOptions.DefaultKey);
        foreach (var key in configured.Select(ApiKeyRegistry.Parse).Where(k => heyGenKeys.Find(k.Value) is null))
            _keys[key.Value] = key;
    }

    public IReadOnlyCollection<ApiKey> All => _keys.Values;

    public ApiKey? Find(string? value) =>
        value is not null && _keys.TryGetValue(value.Trim(), out var key) ? key : null;
}
