using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Journal;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>The emulator in-process on a real loopback port (media off: signalling-only peers), plus LiveKit client helpers.</summary>
public class LiveKitEmulator : IAsyncLifetime
{
    public const string Key = "lk-test-key";
    /// <summary>A key with '+' (as real session tokens can have): the chat socket must read it raw.</summary>
    public const string PlusKey = "lk+plus+key";
    private EmulatorHost? _host;

    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services => _host!.Services;

    /// <summary>Settings a variant of this fixture adds.</summary>
    protected virtual void Configure(EmulatorHostOptions options) { }

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.AddRange([$"{Key}:paid", $"{PlusKey}:paid"]);
            o.Media = false;
            o.Settings["Emulator:LiveKit:LeaveCloseDelayMs"] = "20";
            Configure(o);
        });
        BaseUrl = _host.BaseUrl;
        Http = new HttpClient { BaseAddress = BaseUrl };
        Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }

    public sealed record NewSession(string Id, string Url, string Token);

    public async Task<NewSession> NewSessionAsync(string quality = "high", string encoding = "H264", int? idleTimeout = null, string? key = null)
    {
        var body = new JsonObject { ["version"] = "v2", ["quality"] = quality, ["video_encoding"] = encoding, ["avatar_name"] = "default" };
        if (idleTimeout is not null) body["activity_idle_timeout"] = idleTimeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/streaming.new") { Content = JsonContent.Create(body) };
        if (key is not null) { request.Headers.Remove("X-Api-Key"); request.Headers.Add("X-Api-Key", key); }
        var response = key is null ? await Http.PostAsJsonAsync("v1/streaming.new", body) : await SendWithKeyAsync(request, key);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        var data = json["data"]!;
        return new NewSession(data["session_id"]!.GetValue<string>(), data["url"]!.GetValue<string>(), data["access_token"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> SendWithKeyAsync(HttpRequestMessage request, string key)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    public async Task<JsonNode> PostAsync(string path, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public Task StartAsync(string id) => PostAsync("v1/streaming.start", new JsonObject { ["session_id"] = id });
    public Task StopAsync(string id) => PostAsync("v1/streaming.stop", new JsonObject { ["session_id"] = id });
    public Task InterruptAsync(string id) => PostAsync("v1/streaming.interrupt", new JsonObject { ["session_id"] = id });

    /// <summary>An async task (streaming.task's default is sync, which would answer only when the speech ends).</summary>
    public async Task<string> TaskAsync(string id, string text, string type = "repeat") =>
        (await PostAsync("v1/streaming.task", new JsonObject { ["session_id"] = id, ["text"] = text, ["task_type"] = type, ["task_mode"] = "async" }))["data"]!["task_id"]!.GetValue<string>();

    public Task AdvanceClockAsync(double seconds) =>
        PostAsync("_emulator/clock/advance", new JsonObject { ["seconds"] = seconds });

    public Uri WsUri(string pathAndQuery) => new(BaseUrl.ToString().Replace("http://", "ws://").TrimEnd('/') + pathAndQuery);

    public static string RtcQuery(string token, string extra = "") =>
        $"/rtc?access_token={token}&auto_subscribe=1&sdk=js&version=2.11.3&protocol=15&adaptive_stream=1{extra}";

    /// <summary>Connects; on refusal returns the HTTP status instead.</summary>
    public async Task<(ClientWebSocket? Socket, int Status)> TryConnectAsync(string pathAndQuery)
    {
        var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        try
        {
            await ws.ConnectAsync(WsUri(pathAndQuery), CancellationToken.None);
            return (ws, 101);
        }
        catch (WebSocketException)
        {
            var status = (int)ws.HttpStatusCode;
            ws.Dispose();
            return (null, status);
        }
    }

    public async Task<LiveKitTestClient> JoinAsync(NewSession session, string extra = "")
    {
        var (ws, status) = await TryConnectAsync(RtcQuery(session.Token, extra));
        Assert.True(ws is not null, $"upgrade refused with {status}");
        return new LiveKitTestClient(ws!);
    }

    public IReadOnlyList<JournalEntry> Journal(string? sessionId, string kind = LiveKitJournal.Kind) =>
        Services.GetRequiredService<RequestJournal>().Snapshot(sessionId).Where(e => e.Kind == kind).ToList();

    public static string Step(JournalEntry e) => e.Request?["step"]?.GetValue<string>() ?? "";

}

public sealed class MsidOffEmulator : LiveKitEmulator
{
    protected override void Configure(EmulatorHostOptions options) => options.Settings["Emulator:LiveKit:Msid"] = "false";
}

/// <summary>A LiveKit v0 signalling client over a real WebSocket: binary SignalRequest out, SignalResponse in.</summary>
public sealed class LiveKitTestClient(ClientWebSocket socket) : IDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public Task SendAsync(SignalRequest request) =>
        Socket.SendAsync(request.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<SignalResponse?> ReceiveAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[256 * 1024];
        using var ms = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
            ms.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return SignalResponse.Parser.ParseFrom(ms.ToArray());
    }

    /// <summary>Skips other messages until one of the wanted kind arrives.</summary>
    public async Task<SignalResponse> ReceiveAsync(SignalResponse.MessageOneofCase kind, int timeoutMs = 5000)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeoutMs) ?? throw new Xunit.Sdk.XunitException($"socket closed while waiting for {kind}");
            if (message.MessageCase == kind) return message;
        }
    }

    public void Dispose() => Socket.Dispose();
}

public sealed class TlsEmulator : LiveKitEmulator
{
    public static readonly string CertPath = Path.Combine(Path.GetTempPath(), $"heygen-emulator-test-{Environment.ProcessId}", "localhost.pfx");
    protected override void Configure(EmulatorHostOptions options)
    {
        options.Settings["Emulator:Tls:Port"] = "0";
        options.Settings["Emulator:Tls:CertificatePath"] = CertPath;
    }
}
