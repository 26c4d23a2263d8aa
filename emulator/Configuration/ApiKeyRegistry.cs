using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Configuration;

public enum Plan { Trial, Paid }

public sealed record ApiKey(string Value, Plan Plan)
{
    public override string ToString() => Masking.Mask(Value);
}

/// <summary>The configured API keys. Keys never appear in logs or the journal except masked.</summary>
public sealed class ApiKeyRegistry
{
    /// <summary>Works out of the box, so <c>dotnet run</c> needs no configuration.</summary>
    public const string DefaultKey = "emulator-key";

    private readonly Dictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public ApiKeyRegistry(IOptions<EmulatorOptions> options)
    {
        var configured = options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (configured.Count == 0) configured.Add(DefaultKey);
        foreach (var entry in configured)
        {
            var key = Parse(entry);
            _keys[key.Value] = key;
        }
    }

    public IReadOnlyCollection<ApiKey> All => _keys.Values;

    public ApiKey? Find(string? value) =>
        value is not null && _keys.TryGetValue(value.Trim(), out var key) ? key : null;

    internal static ApiKey Parse(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon > 0 && Enum.TryParse<Plan>(entry[(colon + 1)..].Trim(), ignoreCase: true, out var plan))
            return new ApiKey(entry[..colon].Trim(), plan);
        return new ApiKey(entry.Trim(), Plan.Trial);
    }
}

public static class Masking
{
    /// <summary>First four characters and the length: enough to tell keys apart, never enough to use one.</summary>
    public static string Mask(string? secret) =>
        string.IsNullOrEmpty(secret) ? "" : secret.Length <= 8 ? $"****({secret.Length})" : $"{secret[..4]}…({secret.Length})";
}
