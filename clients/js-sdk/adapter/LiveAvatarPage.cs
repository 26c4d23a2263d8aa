using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace HeyGen.JsSdk;

/// <summary>
/// Typed driver over <c>page/liveavatar.html</c>: one browser context with the official
/// <c>@heygen/liveavatar-web-sdk</c> 0.0.18 bundle loaded; wraps <c>window.laSession(name)</c> (see
/// <c>page/liveavatar-kit.js</c>). Every method takes the page session's name ("main" unless several share the page).
/// </summary>
public sealed class LiveAvatarPage : IAsyncDisposable
{
    public const string SdkVersion = "0.0.18";
    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];

    private LiveAvatarPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }
    /// <summary>Browser console lines and page errors, for failure messages.</summary>
    public IReadOnlyList<string> Console { get { lock (_console) return _console.ToList(); } }
    /// <summary>How long a call may take before the driver gives up with diagnostics.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Opens <c>{pageOrigin}/page/liveavatar.html</c> in a fresh context and waits for <c>window.la</c>.</summary>
    public static async Task<LiveAvatarPage> OpenAsync(IBrowser browser, string pageOrigin)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var driver = new LiveAvatarPage(context, page);
        page.Console += (_, m) => driver.Log($"console.{m.Type}: {m.Text}");
        page.PageError += (_, e) => driver.Log($"pageerror: {e}");
        try
        {
            await page.GotoAsync($"{pageOrigin.TrimEnd('/')}/page/liveavatar.html");
            var ready = await page.WaitForFunctionAsync("() => window.laReady", null, new() { Timeout = 15_000 });
            var version = (await ready.JsonValueAsync<JsonElement>()).GetProperty("sdkVersion").GetString();
            if (version != SdkVersion) throw new SdkAdapterException($"page loaded LiveAvatar SDK {version}, not {SdkVersion}");
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
        return driver;
    }

    private void Log(string line)
    {
        lock (_console) _console.Add(line);
    }

    /// <summary>
    /// <c>new LiveAvatarSession(token, {apiUrl, voiceChat})</c> then <c>start()</c>; resolves to
    /// <c>{sessionId, mode, state, maxSessionDuration}</c> read from the SDK.
    /// </summary>
    public Task<SdkResult> StartAsync(string token, string apiUrl, object? voiceChat = null, string session = "main") =>
        CallAsync("([n, o]) => laSession(n).start(o)", new object[] { session, new { token, apiUrl, voiceChat } });

    /// <summary><c>repeat(text)</c>: resolves to the event id the SDK returned.</summary>
    public Task<SdkResult> RepeatAsync(string text, string session = "main") => CallAsync("([n, t]) => laSession(n).repeat(t)", new object[] { session, text });
    /// <summary><c>message(text)</c>: resolves to the event id the SDK returned.</summary>
    public Task<SdkResult> MessageAsync(string text, string session = "main") => CallAsync("([n, t]) => laSession(n).message(t)", new object[] { session, text });
    /// <summary><c>repeatAudio(base64 PCM s16le mono 24 kHz)</c> (LITE).</summary>
    public Task<SdkResult> RepeatAudioAsync(string base64Pcm, string session = "main") => CallAsync("([n, a]) => laSession(n).repeatAudio(a)", new object[] { session, base64Pcm });
    public Task<SdkResult> InterruptAsync(string session = "main") => CallAsync("(n) => laSession(n).interrupt()", session);
    public Task<SdkResult> KeepAliveAsync(string session = "main") => CallAsync("(n) => laSession(n).keepAlive()", session);
    public Task<SdkResult> StopAsync(string session = "main") => CallAsync("(n) => laSession(n).stop()", session);

    /// <summary>Every SDK event so far (its own and the agent's it re-emits), in order.</summary>
    public async Task<IReadOnlyList<SdkEvent>> EventsAsync(string session = "main")
    {
        var events = await Page.EvaluateAsync<JsonElement>("(n) => laSession(n).events", session);
        return events.EnumerateArray()
            .Select(e => new SdkEvent(e.GetProperty("name").GetString()!, e.GetProperty("t").GetDouble(), e.GetProperty("detail").Clone()))
            .ToList();
    }

    /// <summary>Waits for the first event named <paramref name="name"/> at index ≥ <paramref name="after"/> matching <paramref name="where"/>.</summary>
    public async Task<SdkEvent> WaitForEventAsync(string name, TimeSpan timeout, int after = 0, Func<SdkEvent, bool>? where = null, string session = "main")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await EventsAsync(session)).Skip(after).FirstOrDefault(e => e.Name == name && (where is null || where(e)));
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
                throw new SdkAdapterException($"LiveAvatar SDK: no '{name}' within {timeout.TotalSeconds:0.#} s. {await DiagnosticsAsync(session)}");
            await Task.Delay(30);
        }
    }

    /// <summary>
    /// The SDK's state, the session id, the attached &lt;video&gt;'s size and frames painted (requestVideoFrameCallback),
    /// the avatar's video <c>framesDecoded</c> and audio <c>totalAudioEnergy</c> (inbound-rtp), the remote identities.
    /// </summary>
    public Task<JsonElement> StatsAsync(string session = "main") => Page.EvaluateAsync<JsonElement>("(n) => laSession(n).stats()", session);

    /// <summary>Page times (ms) of startCalled, startSettled and the first streamReady.</summary>
    public Task<JsonElement> MarksAsync(string session = "main") => Page.EvaluateAsync<JsonElement>("(n) => laSession(n).marks", session);

    /// <summary>A plain <c>fetch(url, init)</c> from the page, under the browser's CORS rules: <c>{status, body, allowOrigin}</c>.</summary>
    public Task<JsonElement> FetchAsync(string url, object init) => Page.EvaluateAsync<JsonElement>("([u, i]) => laFetch(u, i)", new object[] { url, init });

    /// <summary>Unhandled rejections the page saw and uncaught page errors.</summary>
    public async Task<IReadOnlyList<string>> PageErrorsAsync()
    {
        var errors = Console.Where(l => l.StartsWith("pageerror:", StringComparison.Ordinal)).ToList();
        errors.AddRange((await Page.EvaluateAsync<JsonElement>("() => laRejections")).EnumerateArray().Select(e => "rejection: " + e));
        return errors;
    }

    /// <summary>Events, page requests and console tail, for a failure message.</summary>
    public async Task<string> DiagnosticsAsync(string session = "main")
    {
        try
        {
            var events = string.Join(", ", (await EventsAsync(session)).Select(e => $"{e.Name}@{e.T:0}"));
            var requests = await Page.EvaluateAsync<JsonElement>("() => la.requests");
            return $"Events: [{events}]. Requests: {requests}. Console (last 15): {string.Join(" | ", Console.TakeLast(15))}";
        }
        catch (PlaywrightException e)
        {
            return "(page gone: " + e.Message + ")";
        }
    }

    private async Task<SdkResult> CallAsync(string expression, object? arg)
    {
        JsonElement r;
        try
        {
            r = await Page.EvaluateAsync<JsonElement>(expression, arg).WaitAsync(CallTimeout);
        }
        catch (TimeoutException)
        {
            throw new SdkAdapterException($"LiveAvatar SDK: {expression} did not settle within {CallTimeout.TotalSeconds:0} s. {await DiagnosticsAsync()}");
        }
        if (r.GetProperty("ok").GetBoolean()) return new SdkResult(true, r.GetProperty("value").Clone(), null);
        var e = r.GetProperty("error");
        string? Str(string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Int(string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        // SessionApiError: errorCode is the body's code (or 500), status the HTTP status (or null).
        return new SdkResult(false, default, new SdkError(Str("name") ?? "?", Str("message") ?? "", Int("status"), null, null) { ErrorCode = Int("errorCode") });
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    /// <summary>
    /// What an app's backend does before the page starts: <c>POST {apiUrl}/v1/sessions/token</c> with the key in
    /// <c>X-API-KEY</c>; returns <c>data.session_token</c> and <c>data.session_id</c>.
    /// </summary>
    public static async Task<(string Token, string SessionId)> CreateTokenAsync(HttpClient http, string apiUrl, string apiKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{apiUrl.TrimEnd('/')}/v1/sessions/token") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-API-KEY", apiKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new SdkAdapterException($"/v1/sessions/token: {(int)response.StatusCode} {text}");
        var data = JsonNode.Parse(text)!["data"]!;
        return (data["session_token"]!.GetValue<string>(), data["session_id"]!.GetValue<string>());
    }
}
