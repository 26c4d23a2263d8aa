using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace HeyGenEmulator.Browser.Tests;

/// <summary>
/// One emulator (real loopback HTTP port, ephemeral UDP media port) and one headless Chromium for all browser tests.
/// The flags are the ones webrtc-notes.md found necessary on a loopback-only machine.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ApiKey = "browser-test-key";

    private IPlaywright? _playwright;
    private WebApplication? _pages;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _documents = new();

    /// <summary>
    /// A second loopback HTTP server for the pages, like a user serving the demo locally: a different origin from the
    /// API (so CORS is exercised) in the same address space (Chromium blocks public → loopback fetches).
    /// </summary>
    public string PageOrigin { get; private set; } = "";

    private EmulatorHost? _emulator;

    public WebApplication App => _emulator!.App;
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public MediaEngine Engine => App.Services.GetRequiredService<MediaEngine>();

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add($"{ApiKey}:paid");
            o.Settings["Emulator:ConcurrentSessions:paid"] = "60"; // the dashboard's 50-session check
            o.Settings["Logging:LogLevel:HeyGenEmulator"] = "Information";
            o.Settings["Logging:LogLevel:HeyGenEmulator.Sessions"] = "Warning";
        });
        BaseUrl = _emulator.Url;

        // Have the clips the tests use in memory, so start → first frame measures the connection, not ffmpeg.
        var library = App.Services.GetRequiredService<AvatarMediaLibrary>();
        var avatar = App.Services.GetRequiredService<AvatarCatalogue>().Resolve(null);
        await Task.WhenAll(library.GetAsync(avatar, AvatarQuality.High, VideoCodec.Vp8), library.GetAsync(avatar, AvatarQuality.Low, VideoCodec.Vp8), library.GetAsync(avatar, AvatarQuality.Low, VideoCodec.H264));

        var pages = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0"]);
        pages.Logging.ClearProviders();
        _pages = pages.Build();
        _pages.MapGet("/pages/{id}", (string id) => _documents.TryGetValue(id, out var html)
            ? Microsoft.AspNetCore.Http.Results.Content(html, "text/html; charset=utf-8")
            : Microsoft.AspNetCore.Http.Results.NotFound());
        _pages.MapGet("/favicon.ico", () => Microsoft.AspNetCore.Http.Results.NoContent());
        await _pages.StartAsync();
        PageOrigin = EmulatorApp.Addresses(_pages)[0].TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    /// <summary>The committed demo page with only its two configuration values pointed at this emulator.</summary>
    public string DemoPageHtml()
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "v1-demo", "index.html"));
        html = System.Text.RegularExpressions.Regex.Replace(html, @"apiKey: '[^']*'", $"apiKey: '{ApiKey}'");
        html = System.Text.RegularExpressions.Regex.Replace(html, @"serverUrl: '[^']*'", $"serverUrl: '{BaseUrl}'");
        return html;
    }

    /// <summary>Opens <paramref name="html"/> in a new tab, served by the page server; console output goes to <paramref name="log"/>.</summary>
    public async Task<IPage> NewPageAsync(string html, Action<string>? log = null)
    {
        var page = await Browser.NewPageAsync();
        page.Console += (_, m) => log?.Invoke($"[console.{m.Type}] {m.Text}");
        page.PageError += (_, e) => log?.Invoke($"[pageerror] {e}");
        var id = Guid.NewGuid().ToString("N");
        _documents[id] = html;
        await page.GotoAsync($"{PageOrigin}/pages/{id}");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_pages is not null) await _pages.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
