using HeyGen.Client;
using Microsoft.AspNetCore.Builder;

namespace HeyGenEmulator.Tests;

/// <summary>The real emulator on a real loopback port, one per test class that needs it.</summary>
public sealed class TestEmulator : IAsyncLifetime
{
    public const string Key = "unit-trial-key";
    public const string OtherKey = "unit-other-key";
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public HeyGenClient Client(string? key = Key) => new(BaseUrl, key);

    public async Task InitializeAsync()
    {
        _app = EmulatorApp.Build(["--urls=http://127.0.0.1:0", $"--Emulator:ApiKeys:0={Key}:trial", $"--Emulator:ApiKeys:1={OtherKey}:paid", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        BaseUrl = new Uri(EmulatorApp.Addresses(_app).First() + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
