using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HeyGenEmulator.Sdk.Tests;

public sealed record SdkPageOptions
{
    /// <summary>
    /// SDK ≥ 2.0.14 opens HeyGen's chat socket at <c>wss://&lt;basePath host&gt;:443/v1/ws/streaming.chat</c> (port and
    /// TLS forced). True: the page's socket is routed (Playwright) to the emulator's own port over plain ws, frames
    /// relayed both ways, so tests need neither port 443 nor a trusted certificate. False: the browser really dials 443.
    /// </summary>
    public bool BridgeChatSocket { get; init; } = true;

    /// <summary>The emulator this page's SDK talks to (basePath, tokens, chat bridge); null: the kit's main one. See <see cref="SdkKit.EmulatorWithAsync"/>.</summary>
    public string? EmulatorUrl { get; init; }
}

/// <summary>An SDK error as the SDK built it (APIError carries status and the raw body).</summary>
public sealed record SdkError(string Name, string Message, int? Status, string? ResponseText, string? Stack);

/// <summary>What a <c>window.kit</c> call resolved to.</summary>
public sealed record SdkResult(bool Ok, JsonElement Value, SdkError? Error)
{
    public SdkResult EnsureOk(string what) =>
        Ok ? this : throw new Xunit.Sdk.XunitException($"{what} failed: {Error!.Name}: {Error.Message} (status {Error.Status}, body {Error.ResponseText})\n{Error.Stack}");
}

/// <summary>One SDK event as the page recorded it: name, page time (ms since the page loaded) and detail (JSON).</summary>
public sealed record SdkEvent(string Name, double T, JsonElement Detail);

/// <summary>
/// Typed driver over clients/js-sdk/page: one browser context and page with one SDK version loaded; wraps
/// <c>window.kit</c> (see page/kit.js). Open it with <see cref="SdkKit.OpenAsync"/>.
/// </summary>
public sealed class SdkPage : IAsyncDisposable
{
    private readonly SdkKit _kit;
    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];
    private readonly List<ChatSocketBridge> _bridges = [];

    private SdkPage(SdkKit kit, IBrowserContext context, IPage page, string version, string emulatorUrl)
    {
        _kit = kit;
        EmulatorUrl = emulatorUrl;
        _context = context;
        Page = page;
        Version = version;
    }

    public IPage Page { get; }
    /// <summary>The emulator this page's SDK talks to.</summary>
    public string EmulatorUrl { get; }
    public string Version { get; }
    public string? Token { get; private set; }
    public string? SessionId { get; private set; }
    /// <summary>Browser console lines and page errors, for failure messages.</summary>
    public IReadOnlyList<string> Console { get { lock (_console) return _console.ToList(); } }
    public IReadOnlyList<ChatSocketBridge> ChatSockets => _bridges;

    internal static async Task<SdkPage> OpenAsync(SdkKit kit, string version, SdkPageOptions options)
    {
        var context = await kit.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var sdkPage = new SdkPage(kit, context, page, version, options.EmulatorUrl ?? kit.EmulatorUrl);
        page.Console += (_, m) => sdkPage.Log($"console.{m.Type}: {m.Text}");
        page.PageError += (_, e) => sdkPage.Log($"pageerror: {e}");
        if (options.BridgeChatSocket)
            await page.RouteWebSocketAsync(new Regex(@"/v1/ws/streaming\.chat"), route =>
            {
                var bridge = new ChatSocketBridge(route, sdkPage.EmulatorUrl, sdkPage.Log);
                lock (sdkPage._bridges) sdkPage._bridges.Add(bridge);
                bridge.Start();
            });
        await page.GotoAsync($"{kit.PageOrigin}/page/index.html?sdk={version}");
        var ready = await page.WaitForFunctionAsync("() => window.kitReady", null, new() { Timeout = 15_000 });
        var sdkVersion = (await ready.JsonValueAsync<JsonElement>()).GetProperty("sdkVersion").GetString();
        Assert.Equal(version, sdkVersion);
        return sdkPage;
    }

    private void Log(string line)
    {
        lock (_console) _console.Add(line);
    }

    /// <summary>The livekit-client version bundled with this SDK version.</summary>
    public Task<string> LivekitVersionAsync() => Page.EvaluateAsync<string>("() => window.HeyGenSDK.livekitVersion");

    /// <summary>
    /// Gets a fresh session token from the emulator (as the app's backend would) and calls
    /// <c>new StreamingAvatar({token, basePath}).createStartAvatar(request)</c>. <paramref name="request"/> is the SDK's
    /// StartAvatarRequest, camelCase (e.g. <c>new { avatarName = "...", quality = "low" }</c>).
    /// </summary>
    public async Task<SdkResult> StartAsync(object request, string? basePath = null, string? token = null)
    {
        Token = token ?? await _kit.CreateTokenAsync(EmulatorUrl);
        var result = await CallAsync("(o) => kit.start(o)", new { token = Token, basePath = basePath ?? EmulatorUrl, request });
        if (result.Ok) SessionId = result.Value.GetProperty("session_id").GetString();
        return result;
    }

    /// <summary>
    /// Like <see cref="StartAsync"/> but returns as soon as the call is made; <see cref="StartSettledAsync"/> gives its
    /// result. For tests that look at what happens while createStartAvatar is still connecting.
    /// </summary>
    public async Task BeginStartAsync(object request, string? basePath = null)
    {
        Token = await _kit.CreateTokenAsync(EmulatorUrl);
        await Page.EvaluateAsync("(o) => { kit.pending = kit.start(o); }", new { token = Token, basePath = basePath ?? EmulatorUrl, request });
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
    public Task<SdkResult> StopAsync() => CallAsync("() => kit.stop()");

    /// <summary>Every SDK event so far, in order.</summary>
    public async Task<IReadOnlyList<SdkEvent>> EventsAsync()
    {
        var events = await Page.EvaluateAsync<JsonElement>("() => kit.events");
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
            throw new Xunit.Sdk.XunitException($"SDK {Version}: no '{name}' within {timeout.TotalSeconds:0.#} s. {await DiagnosticsAsync()}");
        }
        return (await EventsAsync()).Skip(after).First(e => e.Name == name);
    }

    /// <summary>Asserts that no event named <paramref name="name"/> arrives within <paramref name="window"/>.</summary>
    public async Task AssertNoEventAsync(string name, TimeSpan window)
    {
        await Task.Delay(window);
        Assert.DoesNotContain(await EventsAsync(), e => e.Name == name);
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
            throw new Xunit.Sdk.XunitException($"SDK {Version}: {expression} did not settle within {CallTimeout.TotalSeconds:0} s. {await DiagnosticsAsync()}");
        }
        if (r.GetProperty("ok").GetBoolean())
            return new SdkResult(true, r.GetProperty("value").Clone(), null);
        var e = r.GetProperty("error");
        string? Str(string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? status = e.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetInt32() : null;
        return new SdkResult(false, default, new SdkError(Str("name") ?? "?", Str("message") ?? "", status, Str("responseText"), Str("stack")));
    }

    public async ValueTask DisposeAsync()
    {
        // Best effort: end the session so it does not hold a concurrency slot; the emulator is shared.
        var sessionId = SessionId ?? await SafeAsync(() => Page.EvaluateAsync<string?>("() => kit.avatar && kit.avatar.sessionId"));
        await _context.CloseAsync();
        foreach (var bridge in _bridges) bridge.Dispose();
        if (sessionId is not null) await _kit.KillSessionAsync(sessionId, EmulatorUrl);
    }

    private static async Task<T?> SafeAsync<T>(Func<Task<T>> f)
    {
        try { return await f(); } catch (PlaywrightException) { return default; }
    }
}
