using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HeyGen.JsSdk;

public sealed record SdkPageOptions
{
    /// <summary>
    /// SDK ≥ 2.0.14 opens HeyGen's chat socket at <c>wss://&lt;basePath host&gt;:443/v1/ws/streaming.chat</c> (port and
    /// TLS forced). True: the page's socket is routed (Playwright) to <see cref="BaseUrl"/>'s own port (ws for http,
    /// wss for https), frames relayed both ways, so a local emulator needs neither port 443 nor a trusted certificate.
    /// False: the browser really dials 443.
    /// </summary>
    public bool BridgeChatSocket { get; init; } = true;

    /// <summary>
    /// The API this page's SDK talks to, no trailing slash: <c>basePath</c>, the token route and the chat bridge's
    /// destination. Required when the page is opened through <see cref="SdkBrowser"/>.
    /// </summary>
    public string? BaseUrl { get; init; }

    /// <summary>Same as <see cref="BaseUrl"/> (the name the emulator's SDK tests use).</summary>
    public string? EmulatorUrl { get => BaseUrl; init => BaseUrl = value; }

    /// <summary>
    /// Gives a session token for <c>new StreamingAvatar({token})</c>, as an app's backend does. Null: <c>POST
    /// {BaseUrl}/v1/streaming.create_token</c> with <see cref="ApiKey"/> in <c>X-Api-Key</c>.
    /// </summary>
    public Func<Task<string>>? CreateToken { get; init; }

    /// <summary>The API key for the default token route (unused when <see cref="CreateToken"/> is set).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Called with the SDK's session id (if it got one) after the page closed, e.g. to end the session through an admin API.</summary>
    public Func<string, Task>? Cleanup { get; init; }
}

/// <summary>A call or wait of the adapter failed (the message carries the page's diagnostics).</summary>
public sealed class SdkAdapterException(string message) : Exception(message);

/// <summary>An SDK error as the SDK built it (APIError carries status and the raw body).</summary>
public sealed record SdkError(string Name, string Message, int? Status, string? ResponseText, string? Stack)
{
    /// <summary>The LiveAvatar SDK's <c>SessionApiError.errorCode</c>: the body's <c>code</c>, or 500 when it had none.</summary>
    public int? ErrorCode { get; init; }
}

/// <summary>What a <c>window.kit</c> call resolved to.</summary>
public sealed record SdkResult(bool Ok, JsonElement Value, SdkError? Error)
{
    /// <summary>Page time (ms) when the SDK call began and when it settled: the clock of <see cref="SdkEvent.T"/>.</summary>
    public double? CalledAt { get; init; }
    public double? SettledAt { get; init; }

    public SdkResult EnsureOk(string what) =>
        Ok ? this : throw new SdkAdapterException($"{what} failed: {Error!.Name}: {Error.Message} (status {Error.Status}, body {Error.ResponseText})\n{Error.Stack}");
}

/// <summary>One SDK event as the page recorded it: name, page time (ms since the page loaded) and detail (JSON).</summary>
public sealed record SdkEvent(string Name, double T, JsonElement Detail);

/// <summary>
/// Typed driver over clients/js-sdk/page: one browser context and page with one SDK version loaded; wraps
/// <c>window.kit</c> (see page/kit.js). Open it with <see cref="SdkBrowser.OpenAsync"/> or <see cref="OpenAsync"/>.
/// </summary>
public sealed class SdkPage : IAsyncDisposable
{
    private static readonly HttpClient TokenHttp = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SdkPageOptions _options;
    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];
    private readonly List<ChatSocketBridge> _bridges = [];

    private SdkPage(SdkPageOptions options, IBrowserContext context, IPage page, string version)
    {
        _options = options;
        BaseUrl = options.BaseUrl!.TrimEnd('/');
        _context = context;
        Page = page;
        Version = version;
    }

    public IPage Page { get; }
    /// <summary>The API this page's SDK talks to (basePath), no trailing slash.</summary>
    public string BaseUrl { get; }
    /// <summary>Same as <see cref="BaseUrl"/>.</summary>
    public string EmulatorUrl => BaseUrl;
    public string Version { get; }
    public string? Token { get; private set; }
    public string? SessionId { get; private set; }
    /// <summary>Browser console lines and page errors, for failure messages.</summary>
    public IReadOnlyList<string> Console { get { lock (_console) return _console.ToList(); } }
    public IReadOnlyList<ChatSocketBridge> ChatSockets => _bridges;

    /// <summary>
    /// Opens <c>{pageOrigin}/page/index.html?sdk={version}</c> in a fresh context of <paramref name="browser"/> and waits
    /// for <c>window.kit</c>. <paramref name="pageOrigin"/> serves clients/js-sdk's page/ and dist/ (see <see cref="SdkBrowser"/>).
    /// </summary>
    public static async Task<SdkPage> OpenAsync(IBrowser browser, string pageOrigin, string version, SdkPageOptions options)
    {
        if (string.IsNullOrEmpty(options.BaseUrl)) throw new ArgumentException("SdkPageOptions.BaseUrl is required", nameof(options));
        if (options.CreateToken is null && options.ApiKey is null) throw new ArgumentException("SdkPageOptions needs CreateToken or ApiKey", nameof(options));
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var sdkPage = new SdkPage(options, context, page, version);
        page.Console += (_, m) => sdkPage.Log($"console.{m.Type}: {m.Text}");
        page.PageError += (_, e) => sdkPage.Log($"pageerror: {e}");
        if (options.BridgeChatSocket)
            await page.RouteWebSocketAsync(new Regex(@"/v1/ws/streaming\.chat"), route =>
            {
                var bridge = new ChatSocketBridge(route, sdkPage.BaseUrl, sdkPage.Log);
                lock (sdkPage._bridges) sdkPage._bridges.Add(bridge);
                bridge.Start();
            });
        try
        {
            await page.GotoAsync($"{pageOrigin.TrimEnd('/')}/page/index.html?sdk={version}");
            var ready = await page.WaitForFunctionAsync("() => window.kitReady", null, new() { Timeout = 15_000 });
            var sdkVersion = (await ready.JsonValueAsync<JsonElement>()).GetProperty("sdkVersion").GetString();
            if (sdkVersion != version) throw new SdkAdapterException($"page loaded SDK {sdkVersion}, not {version}");
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
        return sdkPage;
    }

    private void Log(string line)
    {
        lock (_console) _console.Add(line);
    }

    /// <summary>The livekit-client version bundled with this SDK version.</summary>
    public Task<string> LivekitVersionAsync() => Page.EvaluateAsync<string>("() => window.HeyGenSDK.livekitVersion");

    /// <summary>
    /// Gets a fresh session token (<see cref="CreateTokenAsync"/>, as the app's backend would) and calls
    /// <c>new StreamingAvatar({token, basePath}).createStartAvatar(request)</c>. <paramref name="request"/> is the SDK's
    /// StartAvatarRequest, camelCase (e.g. <c>new { avatarName = "...", quality = "low" }</c>).
    /// </summary>
    public async Task<SdkResult> StartAsync(object request, string? basePath = null, string? token = null)
    {
        Token = token ?? await CreateTokenAsync();
        var result = await CallAsync("(o) => kit.start(o)", new { token = Token, basePath = basePath ?? BaseUrl, request });
        if (result.Ok) SessionId = result.Value.GetProperty("session_id").GetString();
        return result;
    }

    /// <summary>
    /// Like <see cref="StartAsync"/> but returns as soon as the call is made; <see cref="StartSettledAsync"/> gives its
    /// result. For tests that look at what happens while createStartAvatar is still connecting.
    /// </summary>
    public async Task BeginStartAsync(object request, string? basePath = null)
    {
        Token = await CreateTokenAsync();
        await Page.EvaluateAsync("(o) => { kit.pending = kit.start(o); }", new { token = Token, basePath = basePath ?? BaseUrl, request });
    }

    /// <summary>The result of <see cref="BeginStartAsync"/>, or null if it has not settled within <paramref name="timeout"/>.</summary>
    public async Task<SdkResult?> StartSettledAsync(TimeSpan timeout)
    {
        try
        {
            await Page.WaitForFunctionAsync("() => kit.marks.startSettled !== undefined", null, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 20 });
        }
        catch (TimeoutException)
        {
            return null;
        }
        var result = await CallAsync("() => kit.pending");
        if (result.Ok) SessionId = result.Value.GetProperty("session_id").GetString();
        return result;
    }

    /// <summary><c>avatar.speak(request)</c>, e.g. <c>new { text = "hi", taskType = "repeat" }</c>; resolves to the REST data (task_id, duration_ms).</summary>
    public Task<SdkResult> SpeakAsync(object request) => CallAsync("(o) => kit.speak(o)", request);
    public Task<SdkResult> InterruptAsync() => CallAsync("() => kit.interrupt()");
    public Task<SdkResult> KeepAliveAsync() => CallAsync("() => kit.keepAlive()");
    public Task<SdkResult> StartVoiceChatAsync(object? request = null) => CallAsync("(o) => kit.startVoiceChat(o)", request ?? new { });
    public Task<SdkResult> CloseVoiceChatAsync() => CallAsync("() => kit.closeVoiceChat()");
    public Task<SdkResult> StopAsync() => CallAsync("() => kit.stop()");

    /// <summary>Every SDK event so far, in order.</summary>
    public Task<IReadOnlyList<SdkEvent>> EventsAsync() => EventsAfterAsync(0, TimeSpan.Zero);

    /// <summary>The events from index <paramref name="after"/> on, waiting up to <paramref name="wait"/> for one when there is none yet.</summary>
    public async Task<IReadOnlyList<SdkEvent>> EventsAfterAsync(int after, TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Page.WaitForFunctionAsync("n => kit.events.length > n", after, new() { Timeout = (float)wait.TotalMilliseconds, PollingInterval = 20 });
            }
            catch (TimeoutException)
            {
                return [];
            }
        }
        var events = await Page.EvaluateAsync<JsonElement>("n => kit.events.slice(n)", after);
        return events.EnumerateArray()
            .Select(e => new SdkEvent(e.GetProperty("name").GetString()!, e.GetProperty("t").GetDouble(), e.GetProperty("detail").Clone()))
            .ToList();
    }

    /// <summary>Waits for the first event named <paramref name="name"/> (at index ≥ <paramref name="after"/>) and returns it.</summary>
    public async Task<SdkEvent> WaitForEventAsync(string name, TimeSpan timeout, int after = 0)
    {
        try
        {
            await Page.WaitForFunctionAsync("([n, i]) => kit.events.slice(i).some(e => e.name === n)", new object[] { name, after },
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 20 });
        }
        catch (TimeoutException)
        {
            throw new SdkAdapterException($"SDK {Version}: no '{name}' within {timeout.TotalSeconds:0.#} s. {await DiagnosticsAsync()}");
        }
        return (await EventsAsync()).Skip(after).First(e => e.Name == name);
    }

    /// <summary>Asserts that no event named <paramref name="name"/> arrives within <paramref name="window"/>.</summary>
    public async Task AssertNoEventAsync(string name, TimeSpan window)
    {
        await Task.Delay(window);
        if ((await EventsAsync()).Any(e => e.Name == name))
            throw new SdkAdapterException($"SDK {Version}: unexpected '{name}' within {window.TotalSeconds:0.#} s. {await DiagnosticsAsync()}");
    }

    /// <summary>The &lt;video&gt; fed from stream_ready: its intrinsic size, or (0, 0) before the first frame.</summary>
    public async Task<(int Width, int Height)> VideoSizeAsync()
    {
        var s = await StatsAsync();
        return (s.GetProperty("videoWidth").GetInt32(), s.GetProperty("videoHeight").GetInt32());
    }

    /// <summary><c>getVideoPlaybackQuality().totalVideoFrames</c> of that &lt;video&gt;.</summary>
    public async Task<int> FramesDecodedAsync() => (await StatsAsync()).GetProperty("totalVideoFrames").GetInt32();

    public Task<JsonElement> StatsAsync() => Page.EvaluateAsync<JsonElement>("() => kit.stats()");

    /// <summary>Page time now (ms since load): the clock of <see cref="SdkEvent.T"/> and the marks.</summary>
    public Task<double> NowAsync() => Page.EvaluateAsync<double>("() => kit.now()");

    /// <summary>inbound-rtp of the avatar's video receiver (framesDecoded, framesReceived, bytesReceived, packetsReceived, trackSid), or null before it exists.</summary>
    public async Task<JsonElement?> InboundVideoAsync()
    {
        var r = await Page.EvaluateAsync<JsonElement>("() => kit.inboundVideo()");
        return r.ValueKind == JsonValueKind.Object ? r : null;
    }

    /// <summary>Hides (<c>display:none</c>) or shows the &lt;video&gt; fed from stream_ready.</summary>
    public Task SetVideoHiddenAsync(bool hidden) => Page.EvaluateAsync("h => kit.setVideoHidden(h)", hidden);

    /// <summary>Uncaught page errors (Playwright's pageerror) and unhandled rejections the page recorded.</summary>
    public async Task<IReadOnlyList<string>> PageErrorsAsync()
    {
        var errors = Console.Where(l => l.StartsWith("pageerror:", StringComparison.Ordinal)).ToList();
        var rejections = await Page.EvaluateAsync<JsonElement>("() => kit.errors");
        errors.AddRange(rejections.EnumerateArray().Select(e => "rejection: " + e.ToString()));
        return errors;
    }

    /// <summary>The page's own log of its HTTP calls (URL, method, body as sent, status, page times).</summary>
    public Task<JsonElement> RequestsAsync() => Page.EvaluateAsync<JsonElement>("() => kit.requests");

    /// <summary>Page times (ms) of startCalled/startSettled/stopCalled/stopSettled.</summary>
    public Task<JsonElement> MarksAsync() => Page.EvaluateAsync<JsonElement>("() => kit.marks");

    /// <summary>Events, page requests and console tail, for a failure message.</summary>
    public async Task<string> DiagnosticsAsync()
    {
        try
        {
            var events = string.Join(", ", (await EventsAsync()).Select(e => $"{e.Name}@{e.T:0}"));
            var requests = (await RequestsAsync()).EnumerateArray()
                .Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("url").GetString()} → {(r.TryGetProperty("status", out var s) ? s.ToString() : r.TryGetProperty("error", out var e) ? e.GetString() : "…")}");
            return $"Events: [{events}]. Requests: [{string.Join("; ", requests)}]. Console (last 15): {string.Join(" | ", Console.TakeLast(15))}";
        }
        catch (PlaywrightException e)
        {
            return "(page gone: " + e.Message + ")";
        }
    }

    /// <summary>How long a kit call may take before the driver gives up with diagnostics (the SDK has calls that never settle).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    private async Task<SdkResult> CallAsync(string expression, object? arg = null)
    {
        JsonElement r;
        try
        {
            r = await Page.EvaluateAsync<JsonElement>(expression, arg).WaitAsync(CallTimeout);
        }
        catch (TimeoutException)
        {
            throw new SdkAdapterException($"SDK {Version}: {expression} did not settle within {CallTimeout.TotalSeconds:0} s. {await DiagnosticsAsync()}");
        }
        double? Time(string p) => r.TryGetProperty(p, out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
        if (r.GetProperty("ok").GetBoolean())
            return new SdkResult(true, r.GetProperty("value").Clone(), null) { CalledAt = Time("calledAt"), SettledAt = Time("settledAt") };
        var e = r.GetProperty("error");
        string? Str(string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? status = e.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetInt32() : null;
        return new SdkResult(false, default, new SdkError(Str("name") ?? "?", Str("message") ?? "", status, Str("responseText"), Str("stack")))
        {
            CalledAt = Time("calledAt"),
            SettledAt = Time("settledAt"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort: end the session so it does not hold a concurrency slot; the emulator is shared.
        var sessionId = SessionId ?? await SafeAsync(() => Page.EvaluateAsync<string?>("() => kit.avatar && kit.avatar.sessionId"));
        await _context.CloseAsync();
        foreach (var bridge in _bridges) bridge.Dispose();
        if (sessionId is not null && _options.Cleanup is not null) await _options.Cleanup(sessionId);
    }

    /// <summary>A fresh session token: <see cref="SdkPageOptions.CreateToken"/>, else create_token with the API key.</summary>
    public async Task<string> CreateTokenAsync()
    {
        if (_options.CreateToken is not null) return await _options.CreateToken();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/v1/streaming.create_token");
        request.Headers.Add("X-Api-Key", _options.ApiKey);
        using var response = await TokenHttp.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new SdkAdapterException($"create_token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("token").GetString()!;
    }

    private static async Task<T?> SafeAsync<T>(Func<Task<T>> f)
    {
        try { return await f(); } catch (PlaywrightException) { return default; }
    }
}
