using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace HeyGen.JsSdk;

/// <summary>
/// The browser side of the adapter, started once and shared: the SDK bundles (<c>clients/js-sdk/build.sh</c>,
/// idempotent), a static file server for <c>page/</c> and <c>dist/</c> on 127.0.0.1:0 (so every SDK call is
/// cross-origin, as from a real app) and one headless Debian Chromium. Open pages with <see cref="OpenAsync"/>.
/// </summary>
public sealed class SdkBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags from webrtc-notes.md: loopback ICE needs both of the first two; fake devices for the microphone tests.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--allow-loopback-in-peer-connection",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
        "--headless=new",
        "--no-sandbox",
        "--autoplay-policy=no-user-gesture-required",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        // The emulator's local TLS certificate on 443 (SDK ≥ 2.0.14's chat socket) is self-signed.
        "--ignore-certificate-errors",
    ];

    /// <summary>The SDK versions bundled into <c>dist/</c> (package.json pins both).</summary>
    public static readonly IReadOnlyList<string> Versions = ["2.0.8", "2.1.0"];

    private WebApplication? _pages;
    private IPlaywright? _playwright;

    private readonly string[] _extraArgs;

    private SdkBrowser(string kitDir, IEnumerable<string>? extraArgs)
    {
        KitDir = kitDir;
        _extraArgs = [.. extraArgs ?? []];
    }

    /// <summary><c>clients/js-sdk</c>: build.sh, page/, dist/.</summary>
    public string KitDir { get; }
    /// <summary>The page server's origin, no trailing slash.</summary>
    public string PageOrigin { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>How long each start-up step took (build.sh, page server, chromium), in ms.</summary>
    public Dictionary<string, double> StartupMs { get; } = [];

    /// <summary>Builds the bundles if needed, starts the page server and launches Chromium.</summary>
    /// <param name="kitDir"><c>clients/js-sdk</c>; null: found above the running assembly (the source tree).</param>
    /// <param name="extraArgs">Chromium flags on top of <see cref="ChromiumArgs"/>, e.g. <c>--use-file-for-fake-audio-capture=…</c>.</param>
    public static async Task<SdkBrowser> LaunchAsync(string? kitDir = null, IEnumerable<string>? extraArgs = null)
    {
        var browser = new SdkBrowser(kitDir ?? FindKitDir(), extraArgs);
        try
        {
            await browser.StartAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var sw = Stopwatch.StartNew();
        await RunBuildScriptAsync(KitDir);
        StartupMs["build.sh"] = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _pages = builder.Build();
        foreach (var folder in new[] { "page", "dist" })
            _pages.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.Combine(KitDir, folder)),
                RequestPath = "/" + folder,
                OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-store",
            });
        await _pages.StartAsync();
        PageOrigin = _pages.Urls.First().TrimEnd('/');
        StartupMs["page server"] = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (test.sh does this)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. _extraArgs],
        });
        StartupMs["chromium"] = sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>A page with the chosen SDK bundle loaded and <c>window.kit</c> ready; <see cref="SdkPageOptions.BaseUrl"/> is required.</summary>
    public Task<SdkPage> OpenAsync(string sdkVersion, SdkPageOptions options) => SdkPage.OpenAsync(Browser, PageOrigin, sdkVersion, options);

    /// <summary>A page with the LiveAvatar web SDK bundle loaded and <c>window.la</c> ready.</summary>
    public Task<LiveAvatarPage> OpenLiveAvatarAsync() => LiveAvatarPage.OpenAsync(Browser, PageOrigin);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_pages is not null)
        {
            await _pages.StopAsync();
            await _pages.DisposeAsync();
        }
    }

    /// <summary>Runs <c>build.sh</c> (npm ci and the esbuild bundles, each only when its inputs changed).</summary>
    public static async Task RunBuildScriptAsync(string kitDir)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(kitDir, "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = kitDir,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"clients/js-sdk/build.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    /// <summary>The directory holding HeyGenEmulator.sln, above the running assembly.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln"))) return dir.FullName;
        throw new InvalidOperationException("HeyGenEmulator.sln not found above " + AppContext.BaseDirectory);
    }

    public static string FindKitDir() => Path.Combine(FindRepoRoot(), "clients", "js-sdk");
}
