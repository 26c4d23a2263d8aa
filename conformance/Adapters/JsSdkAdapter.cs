using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGen.JsSdk;

namespace HeyGenEmulator.Conformance.Adapters;

/// <summary>
/// One Chromium for the process, started on the first JS SDK client (bundles built, page server up) and shared by
/// every JS SDK adapter in it; closed by <see cref="BuiltInAdapters.CloseAsync"/> or when a standalone adapter exits.
/// </summary>
public static class JsSdkHost
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static SdkBrowser? _browser;

    public static async Task<SdkBrowser> GetAsync()
    {
        if (_browser is not null) return _browser;
        await Gate.WaitAsync();
        try
        {
            return _browser ??= await SdkBrowser.LaunchAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task CloseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is not null) await _browser.DisposeAsync();
            _browser = null;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// The official JS SDK (one bundled version, <c>clients/js-sdk</c>) behind the client adapter protocol: each client
/// is a fresh page of the shared Chromium, opened on create_start_avatar (it needs the base URL), where
/// <c>new StreamingAvatar({token, basePath}).createStartAvatar(…)</c> runs. Its events are the SDK's own
/// (<c>window.kit.events</c>, detail as emitted; stream_ready's MediaStream as its track kinds and ids).
/// </summary>
public static class JsSdkAdapter
{
    /// <summary>The SDK emits its events and receives the avatar's tracks; startVoiceChat/closeVoiceChat are start/stop_listening.</summary>
    public static readonly IReadOnlyList<string> Capabilities = ["rest", "events", "media", "voice-chat"];

    public static AdapterDescription Describe(string version) =>
        new("heygen-kit js-sdk", "@heygen/streaming-avatar (official, in Chromium)", version, Capabilities, clock => new Client(version, clock))
        {
            // Bundles (npm ci when cold) and Chromium before the adapter says it listens: no command's timeout covers them.
            Prepare = JsSdkHost.GetAsync,
        };

    /// <summary>
    /// The SDK forces its chat socket to <c>wss://&lt;host&gt;:443</c>: unless the API already is there, the page's
    /// socket is relayed to the base URL's own port (<see cref="ChatSocketBridge"/>), as for a local emulator.
    /// </summary>
    private static bool BridgesChatSocket(string baseUrl) => new Uri(baseUrl) is var uri && !(uri.Scheme == Uri.UriSchemeHttps && uri.Port == 443);

    private sealed class Client(string version, AdapterClock clock) : IAdaptedClient
    {
        private SdkPage? _page;
        // Adapter time minus page time: the page stamps its events and calls on its own clock (ms since it loaded),
        // so the two differ by this one constant and a bound such as "within 1 s of stopAvatar" is exact.
        private double _offset;

        public async Task<CommandOutcome> RunAsync(string command, CommandArgs args)
        {
            if (command == "create_start_avatar") return await StartAsync(args);
            if (_page is null) return CommandOutcome.NotStarted();
            return command switch
            {
                "speak" => Outcome(await _page.SpeakAsync(Speech(args)), v => new JsonObject
                {
                    ["taskId"] = v.ValueKind == JsonValueKind.Object && v.TryGetProperty("task_id", out var id) ? id.GetString() : null,
                    ["durationMs"] = v.ValueKind == JsonValueKind.Object && v.TryGetProperty("duration_ms", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null,
                }),
                "interrupt" => Outcome(await _page.InterruptAsync()),
                "keep_alive" => Outcome(await _page.KeepAliveAsync()),
                "stop_avatar" => Outcome(await _page.StopAsync()),
                "start_listening" => Outcome(await _page.StartVoiceChatAsync()),
                "stop_listening" => Outcome(await _page.CloseVoiceChatAsync()),
                _ => throw new AdapterFaultException(501, "unsupported-command", $"{command} is not supported by this adapter"),
            };
        }

        private async Task<CommandOutcome> StartAsync(CommandArgs args)
        {
            var baseUrl = args.BaseUrl();
            var (token, apiKey) = args.Credential();
            if (args.Optional("version") is { } v && v != "v2") throw AdapterFaultException.InvalidArgument($"create_start_avatar: the JS SDK starts v2 sessions only, not {v}");
            var request = new Dictionary<string, string>(StringComparer.Ordinal) { ["avatarName"] = args.Required("avatarName") };
            if (args.Optional("quality") is { } quality) request["quality"] = quality;
            if (_page is null)
            {
                var browser = await JsSdkHost.GetAsync();
                _page = await browser.OpenAsync(version, new SdkPageOptions
                {
                    BaseUrl = baseUrl,
                    BridgeChatSocket = BridgesChatSocket(baseUrl),
                    ApiKey = apiKey,
                    // Sessions are the kit's to stop (streaming.stop with its key), on every target.
                    Cleanup = null,
                    CreateToken = token is null ? null : () => Task.FromResult(token),
                });
                var before = clock.NowMs;
                var pageNow = await _page.NowAsync();
                _offset = (before + clock.NowMs) / 2 - pageNow;
            }
            var result = await _page.StartAsync(request, baseUrl, token);
            return Outcome(result, r => new JsonObject { ["sessionId"] = r.GetProperty("session_id").GetString() });
        }

        private static Dictionary<string, string> Speech(CommandArgs args)
        {
            var request = new Dictionary<string, string>(StringComparer.Ordinal) { ["text"] = args.Required("text") };
            if (args.Optional("taskType") is { } type) request["taskType"] = type;
            if (args.Optional("taskMode") is { } mode) request["taskMode"] = mode;
            return request;
        }

        /// <summary>The SDK's result, timed by the page (on the clock of its events) and moved onto the adapter's clock.</summary>
        private CommandOutcome Outcome(SdkResult result, Func<JsonElement, JsonNode?>? value = null) =>
            (result.Ok
                ? CommandOutcome.Ok(value?.Invoke(result.Value))
                : CommandOutcome.Failed(new ClientError(result.Error!.Name, result.Error.Message, result.Error.Status, result.Error.ResponseText)))
            with { CalledAt = AdapterTime(result.CalledAt), SettledAt = AdapterTime(result.SettledAt) };

        private double? AdapterTime(double? pageTime) => pageTime is { } t ? Math.Round(t + _offset, 1) : null;

        public async Task<IReadOnlyList<AdapterEvent>> EventsAsync(int after, TimeSpan wait)
        {
            if (_page is null)
            {
                await Task.Delay(wait);
                return [];
            }
            var events = await _page.EventsAfterAsync(after, wait);
            return [.. events.Select(e => new AdapterEvent(AdapterTime(e.T)!.Value, e.Name, JsonNode.Parse(e.Detail.GetRawText())))];
        }

        public async ValueTask DisposeAsync()
        {
            if (_page is not null) await _page.DisposeAsync();
        }
    }
}
