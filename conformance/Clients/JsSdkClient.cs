using System.Text.Json;
using HeyGen.JsSdk;
using HeyGenEmulator.Conformance.Steps;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>
/// One Chromium for the whole test run, started on the first JS SDK scenario (bundles built, page server up);
/// <see cref="FeatureTestsLifetime"/> closes it after the last scenario.
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
/// The official SDK (one bundled version) in a fresh page of the shared Chromium: basePath = the target's base URL,
/// tokens from <c>create_token</c> with the scenario's key, as an app's backend gets them. On an emulator target the
/// SDK's chat socket (forced to wss://host:443) is bridged to the emulator's own port, as in the SDK tests; on the
/// live API the browser dials it itself.
/// </summary>
public sealed class JsSdkClient : ISdkClient, ISdkEvents
{
    private readonly SdkPage _page;

    private JsSdkClient(string name, SdkPage page)
    {
        Name = name;
        _page = page;
    }

    public string Name { get; }
    public string? SessionId => _page.SessionId;
    public (int EventsBefore, double DurationMs) LastSpeak { get; private set; }

    public static async Task<JsSdkClient> OpenAsync(KitClient client, KitState kit)
    {
        var browser = await JsSdkHost.GetAsync();
        var role = kit.CurrentRole;
        var page = await browser.OpenAsync(KitClients.JsVersion(client.Name), new SdkPageOptions
        {
            BaseUrl = kit.Target.BaseUrl.ToString().TrimEnd('/'),
            BridgeChatSocket = kit.Target.IsEmulator,
            CreateToken = () => SessionToken.CreateAsync(kit, role),
            // Sessions are stopped by the kit's after-scenario hook (streaming.stop with the key), on every target.
            Cleanup = null,
        });
        return new JsSdkClient(client.Name, page);
    }

    public async Task<SdkOutcome> CreateStartAvatarAsync(string avatarName, string quality)
    {
        var result = await _page.StartAsync(new { avatarName, quality });
        return Outcome(result, r => r.GetProperty("session_id").GetString());
    }

    public async Task<SdkOutcome> SpeakAsync(string text, string taskType)
    {
        var before = (await _page.EventsAsync()).Count;
        var result = await _page.SpeakAsync(new { text, taskType });
        if (result.Ok)
            LastSpeak = (before, result.Value.TryGetProperty("duration_ms", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0);
        return Outcome(result, r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("task_id", out var id) ? id.GetString() : null);
    }

    public async Task<SdkOutcome> StopAvatarAsync() => Outcome(await _page.StopAsync(), _ => null);

    public Task<IReadOnlyList<SdkEvent>> EventsAsync() => _page.EventsAsync();

    public Task<SdkEvent> WaitForEventAsync(string name, TimeSpan timeout, int after = 0) => _page.WaitForEventAsync(name, timeout, after);

    public async Task<double?> MarkAsync(string name)
    {
        var marks = await _page.MarksAsync();
        return marks.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
    }

    /// <summary>Events, requests and console of the page, for failure messages.</summary>
    public Task<string> DiagnosticsAsync() => _page.DiagnosticsAsync();

    private static SdkOutcome Outcome(SdkResult result, Func<JsonElement, string?> value) =>
        result.Ok
            ? new SdkOutcome(value(result.Value), null)
            : new SdkOutcome(null, new SdkCallError(result.Error!.Name, result.Error.Message, result.Error.Status, result.Error.ResponseText));

    public ValueTask DisposeAsync() => _page.DisposeAsync();
}
