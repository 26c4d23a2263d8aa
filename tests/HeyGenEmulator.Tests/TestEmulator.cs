using HeyGen.Client;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Tests;

/// <summary>The real emulator on a real loopback port, one per test class that needs it.</summary>
public sealed class TestEmulator : IAsyncLifetime
{
    public const string Key = "unit-trial-key";
    public const string OtherKey = "unit-other-key";
    private EmulatorHost? _host;

    public Uri BaseUrl { get; private set; } = null!;

    public HeyGenClient Client(string? key = Key) => new(BaseUrl, key);

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(o => o.ApiKeys.AddRange([$"{Key}:trial", $"{OtherKey}:paid"]));
        BaseUrl = _host.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
