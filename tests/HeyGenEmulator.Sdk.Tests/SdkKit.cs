using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Hosting;
using Microsoft.Playwright;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// What every SDK browser test shares, started once per test collection: the adapter's browser host
/// (<see cref="SdkBrowser"/>: bundles, page server, one headless Debian Chromium) and the emulator in-process on a
/// loopback port (another port than the pages, so every SDK call is cross-origin, as from a real app).
/// </summary>
public sealed class SdkKit : IAsyncLifetime, IDisposable
{
    public const string ApiKey = "sdk-kit-key";
    public const string ChromiumPath = SdkBrowser.ChromiumPath;

    /// <summary>Flags from webrtc-notes.md (see <see cref="SdkBrowser.ChromiumArgs"/>).</summary>
    public static string[] ChromiumArgs => SdkBrowser.ChromiumArgs;

    private EmulatorHost? _emulator;
    private SdkBrowser? _browser;
    private SdkBrowser? _microphoneBrowser;
    private readonly Dictionary<string, EmulatorHost> _extraEmulators = [];
    private readonly SemaphoreSlim _extraGate = new(1, 1);

    public static string RepoRoot { get; } = SdkBrowser.FindRepoRoot();
    public static string KitDir => Path.Combine(RepoRoot, "clients", "js-sdk");

    /// <summary>The emulator's base URL, no trailing slash (what a developer puts in <c>basePath</c>).</summary>
    public string EmulatorUrl { get; private set; } = null!;
    /// <summary>The page server's origin, no trailing slash (a different port, so a different origin).</summary>
    public string PageOrigin => _browser!.PageOrigin;
    public IBrowser Browser => _browser!.Browser;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    /// <summary>
    /// Whether the emulator also listens with TLS on 127.0.0.1:443, as SDK ≥ 2.0.14 needs for its chat socket
    /// (wss, port forced). Needs the right to bind 443 (root, as in CI); null when it is granted, else why not.
    /// </summary>
    public string? Tls443Unavailable { get; private set; }
    /// <summary>How long each fixture step took, for the report.</summary>
    public Dictionary<string, double> StartupMs { get; } = [];

    public async Task InitializeAsync()
    {
        var sw = Stopwatch.StartNew();
        Tls443Unavailable = Probe443();
        _emulator = await StartEmulatorAsync(Tls443Unavailable is null ? ["Emulator:Tls:Port=443"] : []);
        EmulatorUrl = _emulator.Url;
        StartupMs["emulator"] = sw.Elapsed.TotalMilliseconds;

        _browser = await SdkBrowser.LaunchAsync(KitDir);
        foreach (var (step, ms) in _browser.StartupMs) StartupMs[step] = ms;
    }

    /// <param name="settings"><c>Key=Value</c> configuration settings on top of the kit's own.</param>
    private static Task<EmulatorHost> StartEmulatorAsync(IEnumerable<string> settings) => EmulatorHost.StartAsync(o =>
    {
        o.ApiKeys.Add($"{ApiKey}:paid");
        o.Settings["Emulator:ConcurrentSessions:paid"] = "500";
        // LiveAvatar keeps its default key (LiveAvatarKey); its per-key limit of 3 would hold the concurrency tests back.
        o.Settings["Emulator:LiveAvatar:ConcurrentSessions"] = "500";
        o.Settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        o.Args.AddRange(settings.Select(s => "--" + s));
    });

    /// <summary>
    /// A second emulator (same key, no TLS listener) with extra settings such as <c>Emulator:LiveKit:Msid=false</c>,
    /// started on first use and shared by every test asking for the same settings; same Chromium and page server.
    /// Returns its base URL, for <see cref="SdkPageOptions.EmulatorUrl"/>.
    /// </summary>
    public async Task<string> EmulatorWithAsync(params string[] settings)
    {
        var key = string.Join(" ", settings);
        await _extraGate.WaitAsync();
        try
        {
            if (!_extraEmulators.TryGetValue(key, out var host))
                _extraEmulators[key] = host = await StartEmulatorAsync(settings);
            return host.Url;
        }
        finally
        {
            _extraGate.Release();
        }
    }

    private static string? Probe443()
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 443);
            listener.Start();
            listener.Stop();
            return null;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return $"cannot listen on 127.0.0.1:443 ({e.SocketErrorCode}): run as root, or grant cap_net_bind_service (docs/tls.md)";
        }
    }

    /// <summary>
    /// A second Chromium whose fake microphone plays <see cref="SpokenWav"/> in a loop (started on first use): real
    /// speech through the SDK's own microphone path, for the voice-chat tests.
    /// </summary>
    public async Task<SdkPage> OpenWithMicrophoneAsync(string sdkVersion)
    {
        var browser = await MicrophoneBrowserAsync();
        return await browser.OpenAsync(sdkVersion, new SdkPageOptions
        {
            BaseUrl = EmulatorUrl,
            CreateToken = () => CreateTokenAsync(EmulatorUrl),
            Cleanup = id => KillSessionAsync(id, EmulatorUrl),
        });
    }

    /// <summary>A LiveAvatar page in the Chromium whose fake microphone plays <see cref="SpokenWav"/>.</summary>
    public async Task<LiveAvatarPage> OpenLiveAvatarWithMicrophoneAsync() => await (await MicrophoneBrowserAsync()).OpenLiveAvatarAsync();

    private async Task<SdkBrowser> MicrophoneBrowserAsync()
    {
        await _extraGate.WaitAsync();
        try
        {
            return _microphoneBrowser ??= await SdkBrowser.LaunchAsync(KitDir, ["--use-file-for-fake-audio-capture=" + await SpokenWav.PathAsync()]);
        }
        finally
        {
            _extraGate.Release();
        }
    }

    /// <summary><c>POST /_emulator/sessions/{id}/transcripts {"text"}</c>: what the session's next utterance "said".</summary>
    public Task<JsonNode> QueueTranscriptAsync(string sessionId, string text) =>
        AdminPostAsync($"/_emulator/sessions/{Uri.EscapeDataString(sessionId)}/transcripts", new { text });

    /// <summary><c>POST /_emulator/sessions/{id}/user_turn {"text"}</c>: a whole user turn without audio.</summary>
    public Task<JsonNode> UserTurnAsync(string sessionId, string text) =>
        AdminPostAsync($"/_emulator/sessions/{Uri.EscapeDataString(sessionId)}/user_turn", new { text });

    private async Task<JsonNode> AdminPostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(EmulatorUrl + path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task DisposeAsync()
    {
        if (_microphoneBrowser is not null) await _microphoneBrowser.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        foreach (var host in new[] { _emulator }.Concat(_extraEmulators.Values))
            if (host is not null) await host.DisposeAsync();
        Http.Dispose();
    }

    public void Dispose() => _extraGate.Dispose();

    /// <summary>A page on the page server with the chosen SDK bundle loaded and <c>window.kit</c> ready.</summary>
    public Task<SdkPage> OpenAsync(string sdkVersion, SdkPageOptions? options = null)
    {
        options ??= new();
        var url = options.BaseUrl ?? EmulatorUrl;
        return _browser!.OpenAsync(sdkVersion, options with
        {
            BaseUrl = url,
            CreateToken = options.CreateToken ?? (() => CreateTokenAsync(url)),
            Cleanup = options.Cleanup ?? (id => KillSessionAsync(id, url)),
        });
    }

    /// <summary>LiveAvatar's default key (no <c>Emulator:LiveAvatar:ApiKeys</c> configured).</summary>
    public const string LiveAvatarKey = "liveavatar-key";

    /// <summary>A page with the official LiveAvatar web SDK loaded and <c>window.la</c> ready (same Chromium and page server).</summary>
    public Task<LiveAvatarPage> OpenLiveAvatarAsync() => _browser!.OpenLiveAvatarAsync();

    /// <summary>
    /// The app's backend: <c>POST /v1/sessions/token</c> with <see cref="LiveAvatarKey"/> and <paramref name="body"/>;
    /// returns the session token (a JWT) and the session id.
    /// </summary>
    public Task<(string Token, string SessionId)> LiveAvatarTokenAsync(object body, string? emulatorUrl = null) =>
        LiveAvatarPage.CreateTokenAsync(Http, emulatorUrl ?? EmulatorUrl, LiveAvatarKey, body);

    /// <summary><c>GET {path}</c> on the emulator with LiveAvatar's key in <c>X-API-KEY</c>; the parsed body.</summary>
    public async Task<JsonNode> LiveAvatarGetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EmulatorUrl + path);
        request.Headers.Add("X-API-KEY", LiveAvatarKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary><c>POST /v1/streaming.create_token</c> with the API key, as an app's backend does; returns <c>data.token</c>.</summary>
    public async Task<string> CreateTokenAsync(string? emulatorUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{emulatorUrl ?? EmulatorUrl}/v1/streaming.create_token");
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"create_token: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["data"]!["token"]!.GetValue<string>();
    }

    /// <summary><c>GET /_emulator/journal</c> (optionally for one session).</summary>
    public async Task<JsonArray> JournalAsync(string? sessionId = null, string? emulatorUrl = null)
    {
        var url = $"{emulatorUrl ?? EmulatorUrl}/_emulator/journal" + (sessionId is null ? "" : $"?session_id={Uri.EscapeDataString(sessionId)}");
        return JsonNode.Parse(await Http.GetStringAsync(url))!.AsArray();
    }

    /// <summary><c>POST /_emulator/clock/advance {"seconds": N}</c>.</summary>
    public async Task<JsonNode> AdvanceClockAsync(double seconds)
    {
        using var response = await Http.PostAsJsonAsync($"{EmulatorUrl}/_emulator/clock/advance", new { seconds });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"clock/advance: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary><c>GET /_emulator/sessions</c>.</summary>
    public async Task<JsonArray> SessionsAsync() =>
        JsonNode.Parse(await Http.GetStringAsync($"{EmulatorUrl}/_emulator/sessions"))!.AsArray();

    /// <summary>Ends a session through the admin API (cleanup when the SDK could not).</summary>
    public async Task KillSessionAsync(string sessionId, string? emulatorUrl = null)
    {
        using var _ = await Http.DeleteAsync($"{emulatorUrl ?? EmulatorUrl}/_emulator/sessions/{Uri.EscapeDataString(sessionId)}");
    }

    /// <summary>
    /// <c>POST /_emulator/sessions/{id}/drop_signal[?end_session=true]</c>: the LiveKit signal socket dies with no
    /// <c>leave</c> (spec S10); with <paramref name="endSession"/> the session ends first, silently.
    /// </summary>
    public async Task<JsonNode> DropSignalAsync(string sessionId, bool endSession)
    {
        using var response = await Http.PostAsync($"{EmulatorUrl}/_emulator/sessions/{Uri.EscapeDataString(sessionId)}/drop_signal" + (endSession ? "?end_session=true" : ""), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"drop_signal: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}

/// <summary>One browser, one emulator and one page server for all SDK test classes; their tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SdkCollection : ICollectionFixture<SdkKit>
{
    public const string Name = "JS SDK in Chromium";
}
