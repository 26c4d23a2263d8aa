using HeyGenEmulator.Hosting;
using Xunit;

namespace HeyGenEmulator.Testing;

/// <summary>
/// An xunit fixture holding one in-process emulator for a test class (<c>IClassFixture&lt;HeyGenEmulatorFixture&gt;</c>)
/// or a collection. Derive and override <see cref="Configure"/> for settings; call <c>Admin.ResetAsync()</c> between
/// tests that must not see each other's sessions.
/// </summary>
public class HeyGenEmulatorFixture : IAsyncLifetime
{
    private HeyGenEmulatorHost? _emulator;

    public HeyGenEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("the emulator has not started (xunit starts it before the first test)");
    public Uri BaseUrl => Emulator.BaseUrl;
    public string ApiKey => Emulator.ApiKey;
    public EmulatorAdminClient Admin => Emulator.Admin;

    /// <summary>Settings for the emulator, before it starts.</summary>
    protected virtual void Configure(EmulatorHostOptions options)
    {
    }

    public async Task InitializeAsync() => _emulator = await HeyGenEmulatorHost.StartAsync(Configure).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync().ConfigureAwait(false);
    }
}
