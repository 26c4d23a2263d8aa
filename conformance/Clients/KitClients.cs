namespace HeyGenEmulator.Conformance.Clients;

/// <summary>
/// The SDK clients the kit drives: <c>csharp</c> (clients/HeyGen.Client, REST only: no media, no events) and the
/// official JS SDK in Chromium through the adapter (clients/js-sdk/adapter), one per bundled version.
/// Scenarios tagged <c>@sdk</c> run once per selected client; <c>@sdk-events</c> ones (the SDK's events and media)
/// are reported skipped for <c>csharp</c>, which has none; every other scenario is a <c>csharp</c> run. <c>HEYGEN_CLIENTS</c> (comma list) selects.
/// </summary>
public static class KitClients
{
    public const string CSharp = "csharp";
    public const string JsPrefix = "js-sdk-";
    public const string SdkTag = "@sdk";
    public const string EventsTag = "@sdk-events";

    /// <summary>Every client, in the order their cases are listed.</summary>
    public static readonly IReadOnlyList<string> All = [CSharp, .. HeyGen.JsSdk.SdkBrowser.Versions.Select(v => JsPrefix + v)];

    public static bool IsJs(string client) => client.StartsWith(JsPrefix, StringComparison.Ordinal);

    /// <summary>The SDK version of a <c>js-sdk-&lt;version&gt;</c> client.</summary>
    public static string JsVersion(string client) => IsJs(client) ? client[JsPrefix.Length..] : throw new ArgumentException($"{client} is not a JS SDK client");

    /// <summary>The clients a scenario with these tags runs with.</summary>
    public static IEnumerable<string> For(IReadOnlyCollection<string> tags)
    {
        bool Has(string tag) => tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
        return Has(SdkTag) ? All : [CSharp];
    }

    /// <summary>What a scenario with these tags needs that the client lacks, as a skip reason; null when it lacks nothing.</summary>
    public static string? Lacks(string client, IReadOnlyCollection<string> tags) =>
        !IsJs(client) && tags.Contains(EventsTag, StringComparer.OrdinalIgnoreCase)
            ? $"needs SDK events and media ({EventsTag}), which the {client} client does not have"
            : null;

    /// <summary><c>HEYGEN_CLIENTS</c>, default all; unknown names are an error that lists the known ones.</summary>
    public static IReadOnlySet<string> Selected()
    {
        var setting = Environment.GetEnvironmentVariable("HEYGEN_CLIENTS");
        if (string.IsNullOrWhiteSpace(setting)) return All.ToHashSet(StringComparer.Ordinal);
        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(All).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"HEYGEN_CLIENTS: unknown client(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All)}");
        return names;
    }
}

/// <summary>The client one scenario run uses; the kit hands it to the bindings (constructor injection).</summary>
public sealed record KitClient(string Name)
{
    public bool IsJs => KitClients.IsJs(Name);
}
