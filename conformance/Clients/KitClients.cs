using HeyGenEmulator.Conformance.Adapters;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>
/// The SDK clients the kit drives, every one through the client adapter protocol (docs/client-adapter.md): the
/// built-in <c>csharp</c> (clients/HeyGen.Client, REST only: no media, no events) and the official JS SDK in Chromium
/// (clients/js-sdk/adapter), one per bundled version, whose adapters the kit starts itself
/// (<see cref="BuiltInAdapters"/>); and any client in any language behind an adapter someone started, named
/// <c>adapter:http://127.0.0.1:PORT</c>. Scenarios tagged <c>@sdk</c> run once per selected client; a client lacking a
/// capability the scenario's tags need (<see cref="AdapterInfo.Needs"/>) is reported skipped with the capability
/// named; every other scenario is a <c>csharp</c> run. <c>HEYGEN_CLIENTS</c> (comma list) selects.
/// </summary>
public static class KitClients
{
    public const string CSharp = "csharp";
    public const string JsPrefix = "js-sdk-";
    public const string SdkTag = "@sdk";
    public const string EventsTag = "@sdk-events";
    public const string AdapterPrefix = "adapter:";

    /// <summary>Every client, in the order their cases are listed.</summary>
    public static readonly IReadOnlyList<string> All = [CSharp, .. HeyGen.JsSdk.SdkBrowser.Versions.Select(v => JsPrefix + v)];

    public static bool IsJs(string client) => client.StartsWith(JsPrefix, StringComparison.Ordinal);

    public static bool IsAdapter(string client) => client.StartsWith(AdapterPrefix, StringComparison.Ordinal);

    /// <summary>The URL of an <c>adapter:&lt;url&gt;</c> client, with a trailing slash so paths resolve below it.</summary>
    public static Uri AdapterUrl(string client) =>
        IsAdapter(client) && Uri.TryCreate(client[AdapterPrefix.Length..].TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"{client}: expected adapter:http://127.0.0.1:PORT");

    /// <summary>The adapter clients <c>HEYGEN_CLIENTS</c> names (none unless named: an adapter is a process someone started).</summary>
    public static IEnumerable<string> Adapters() =>
        (Environment.GetEnvironmentVariable("HEYGEN_CLIENTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(IsAdapter).Distinct();

    /// <summary>The SDK version of a <c>js-sdk-&lt;version&gt;</c> client.</summary>
    public static string JsVersion(string client) => IsJs(client) ? client[JsPrefix.Length..] : throw new ArgumentException($"{client} is not a JS SDK client");

    /// <summary>The clients a scenario with these tags runs with.</summary>
    public static IEnumerable<string> For(IReadOnlyCollection<string> tags)
    {
        bool Has(string tag) => tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
        return Has(SdkTag) ? [.. All, .. Adapters()] : [CSharp];
    }

    /// <summary>What a scenario with these tags needs that the client lacks, as a skip reason; null when it lacks nothing.</summary>
    public static string? Lacks(string client, IReadOnlyCollection<string> tags)
    {
        // A built-in client's capabilities are known without starting its adapter (nor Chromium) at discovery.
        var (capabilities, who) = IsAdapter(client)
            ? (AdapterInfo.Of(AdapterUrl(client)).Capabilities, $"the adapter {client}")
            : ((IReadOnlyCollection<string>)BuiltInAdapters.Describe(client).Capabilities, $"the {client} client");
        return AdapterInfo.Missing(capabilities, tags) is { } missing
            ? $"needs the capability \"{missing.Capability}\" ({missing.Tag}), which {who} does not declare"
            : null;
    }

    /// <summary><c>HEYGEN_CLIENTS</c>, default all; unknown names are an error that lists the known ones.</summary>
    public static IReadOnlySet<string> Selected()
    {
        var setting = Environment.GetEnvironmentVariable("HEYGEN_CLIENTS");
        if (string.IsNullOrWhiteSpace(setting)) return All.ToHashSet(StringComparer.Ordinal);
        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Except(All).Where(n => !IsAdapter(n)).ToList();
        foreach (var adapter in names.Where(IsAdapter)) AdapterUrl(adapter);
        if (unknown.Count > 0)
            throw new ArgumentException($"HEYGEN_CLIENTS: unknown client(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All)}, adapter:<url>");
        return names;
    }
}

/// <summary>The client one scenario run uses; the kit hands it to the bindings (constructor injection).</summary>
public sealed record KitClient(string Name)
{
    /// <summary>An <c>adapter:&lt;url&gt;</c> client someone started, not one the kit starts itself.</summary>
    public bool IsAdapter => KitClients.IsAdapter(Name);
}
