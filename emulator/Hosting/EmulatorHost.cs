namespace HeyGenEmulator.Hosting;

/// <summary>
/// The real emulator, started in-process on a real port: for .NET tests that want HeyGen's API on loopback (the
/// emulator's own suites, the conformance kit's default target, the benchmarks). The app is
/// <see cref="EmulatorApp.Build"/>'s, with <see cref="EmulatorHostOptions"/> as command-line settings.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private EmulatorHost(WebApplication app)
    {
        App = app;
        Addresses = EmulatorApp.Addresses(app);
        Url = Addresses[0].TrimEnd('/');
        BaseUrl = new Uri(Url + "/");
    }

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    /// <summary>Every address the server bound, with port 0 resolved.</summary>
    public IReadOnlyList<string> Addresses { get; }
    /// <summary>The first bound address, no trailing slash (what a JS SDK's <c>basePath</c> takes).</summary>
    public string Url { get; }
    /// <summary>The first bound address with a trailing slash, for relative requests.</summary>
    public Uri BaseUrl { get; }

    public static async Task<EmulatorHost> StartAsync(Action<EmulatorHostOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new EmulatorHostOptions();
        configure?.Invoke(options);
        var app = EmulatorApp.Build(options.ToArgs());
        try
        {
            options.BeforeStart?.Invoke(app);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new EmulatorHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
