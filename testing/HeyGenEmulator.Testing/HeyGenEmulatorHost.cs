using HeyGenEmulator.Configuration;
using HeyGenEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Testing;

/// <summary>
/// The emulator started in-process on a free loopback port, for .NET tests:
/// <code>await using var emu = await HeyGenEmulatorHost.StartAsync(o => o.ApiKeys.Add("my-key:paid"));</code>
/// then point the code under test at <see cref="BaseUrl"/> with <see cref="ApiKey"/>, and drive the emulator
/// through <see cref="Admin"/>. Settings are the emulator's configuration keys (<see cref="EmulatorHostOptions.Settings"/>).
/// </summary>
public sealed class HeyGenEmulatorHost : IAsyncDisposable
{
    private HeyGenEmulatorHost(EmulatorHost host, string? adminToken)
    {
        Host = host;
        var keys = host.Services.GetRequiredService<ApiKeyRegistry>();
        ApiKey = (keys.Find(ApiKeyRegistry.DefaultKey) ?? keys.All.First()).Value;
        Admin = new EmulatorAdminClient(host.BaseUrl, adminToken);
    }

    /// <summary>The emulator itself (its services, every bound address).</summary>
    public EmulatorHost Host { get; }

    /// <summary>Where HeyGen's API is, with a trailing slash (in place of https://api.heygen.com/).</summary>
    public Uri BaseUrl => Host.BaseUrl;

    /// <summary>The same address without the trailing slash, as a JS SDK's <c>basePath</c> takes it.</summary>
    public string Url => Host.Url;

    /// <summary>An API key the emulator accepts: <c>emulator-key</c> unless the options configured others (then the first).</summary>
    public string ApiKey { get; }

    /// <summary>The admin API: clock, faults, journal, sessions, reset.</summary>
    public EmulatorAdminClient Admin { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<HeyGenEmulatorHost> StartAsync(Action<EmulatorHostOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        string? adminToken = null;
        var host = await EmulatorHost.StartAsync(o =>
        {
            configure?.Invoke(o);
            adminToken = o.Settings.GetValueOrDefault("Emulator:AdminToken") ?? o.AdminToken;
        }, cancellationToken).ConfigureAwait(false);
        return new HeyGenEmulatorHost(host, adminToken);
    }

    /// <summary>An HttpClient whose BaseAddress is <see cref="BaseUrl"/> and that sends <see cref="ApiKey"/> as X-Api-Key.</summary>
    public HttpClient CreateHttpClient()
    {
        var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
    }
}
