using System.Collections.Concurrent;
using HeyGen.JsSdk;
using HeyGenEmulator.Conformance.Clients;

namespace HeyGenEmulator.Conformance.Adapters;

/// <summary>
/// The clients built into the kit (<c>csharp</c>, <c>js-sdk-&lt;version&gt;</c>) are client adapters too: on a
/// client's first scenario its adapter starts in this process on a free loopback port, and the kit drives it over
/// HTTP with <see cref="AdapterClient"/> like any other. <c>heygen-kit adapter &lt;client&gt;</c> runs one standalone.
/// </summary>
public static class BuiltInAdapters
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<AdapterServer>>> Running = new(StringComparer.Ordinal);

    /// <summary>The adapter of a built-in client; an unknown name is an error listing the known ones.</summary>
    public static AdapterDescription Describe(string client) =>
        client == KitClients.CSharp ? CSharpAdapter.Describe()
        : KitClients.IsJs(client) && SdkBrowser.Versions.Contains(KitClients.JsVersion(client)) ? JsSdkAdapter.Describe(KitClients.JsVersion(client))
        : throw new ArgumentException($"{client}: no such client; known: {string.Join(", ", KitClients.All)}");

    /// <summary>The URL of the client's in-process adapter, started on first use.</summary>
    public static async Task<Uri> UrlAsync(string client) =>
        (await Running.GetOrAdd(client, c => new(() => AdapterServer.StartAsync(Describe(c)))).Value).Url;

    /// <summary>Stops every adapter started here and the Chromium the JS SDK ones shared.</summary>
    public static async Task CloseAsync()
    {
        foreach (var client in Running.Keys.ToList())
            if (Running.TryRemove(client, out var server)) await (await server.Value).DisposeAsync();
        await JsSdkHost.CloseAsync();
    }
}
