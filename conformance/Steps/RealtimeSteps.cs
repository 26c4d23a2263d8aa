using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// The realtime socket at the session's <c>realtime_endpoint</c>, opened as pipecat opens it: the URL verbatim, no
/// credentials. Events are matched by the fields a scenario names (ids the server mints are not known in advance).
/// </summary>
[Binding]
public sealed class RealtimeSteps(KitState kit) : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);
    private ClientWebSocket? _socket;
    private int _refusedStatus;

    private ClientWebSocket Socket => _socket ?? throw new InvalidOperationException("No realtime socket is open: add 'When I open the realtime socket'");

    [Given("I open the realtime socket")]
    [When("I open the realtime socket")]
    public async Task Open()
    {
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(new Uri(kit.Values["realtime_endpoint"]), CancellationToken.None);
    }

    [When("I open the realtime socket of session {string}")]
    public async Task OpenOther(string sessionId)
    {
        var endpoint = kit.Values["realtime_endpoint"];
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(new Uri(endpoint[..(endpoint.LastIndexOf('/') + 1)] + kit.Expand(sessionId)), CancellationToken.None);
            _refusedStatus = 101;
        }
        catch (WebSocketException)
        {
            _refusedStatus = (int)socket.HttpStatusCode;
        }
    }

    [Then("the upgrade is refused with status {int}")]
    public void Refused(int status) => Assert.Equal(status, _refusedStatus);

    [When("I send on the realtime socket:")]
    public Task Send(string json) => SendText(kit.Expand(json));

    [When("I send the realtime socket the text {string}")]
    public Task SendText(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Speech-like PCM (s16le, 24 kHz, mono, a 200 Hz tone) base64-encoded into one command.</summary>
    [When("I send {float} s of audio as {string} with event_id {string}")]
    public Task SendAudio(double seconds, string type, string eventId)
    {
        var pcm = new byte[(int)(seconds * 24000) * 2];
        for (int i = 0; i < pcm.Length / 2; i++)
        {
            var s = (short)(8000 * Math.Sin(2 * Math.PI * 200 * i / 24000.0));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        return SendText(new JsonObject { ["type"] = type, ["audio"] = Convert.ToBase64String(pcm), ["event_id"] = eventId }.ToJsonString());
    }

    [Given("the realtime socket receives an event with:")]
    [Then("the realtime socket receives an event with:")]
    public async Task Receives(string json)
    {
        var expected = JsonNode.Parse(kit.Expand(json))!;
        var actual = await NextAsync();
        Assert.True(actual is not null, $"no realtime event within {EventTimeout.TotalSeconds:0} s; expected {expected.ToJsonString()}");
        Assert.True(JsonPath.Includes(actual, expected), $"expected an event with {expected.ToJsonString()}, got {actual.ToJsonString()}");
    }

    /// <summary>
    /// Nothing else was sent: an unknown command is answered with an error event naming its id, and that must be
    /// the very next event (a receive that times out would abort the socket).
    /// </summary>
    [Then("the realtime socket has received nothing more")]
    public async Task NothingMore()
    {
        await SendText("""{"type":"kit.sentinel","event_id":"kit-sentinel"}""");
        var next = await NextAsync();
        Assert.True(next is not null && (string?)next["error"]?["event_id"] == "kit-sentinel",
            $"expected nothing before the sentinel's error, got {next?.ToJsonString() ?? "nothing"}");
    }

    [Then("the realtime socket is closed with code {int}")]
    public async Task Closed(int code)
    {
        var next = await NextAsync();
        Assert.True(next is null, $"expected the close, got {next?.ToJsonString()}");
        Assert.Equal(code, (int?)Socket.CloseStatus);
    }

    /// <summary>The next event, which must be a JSON object; null on close or timeout.</summary>
    private async Task<JsonObject?> NextAsync()
    {
        using var cts = new CancellationTokenSource(EventTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        try
        {
            do
            {
                result = await Socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        var node = JsonNode.Parse(message.ToArray());
        Assert.True(node is JsonObject, $"a realtime frame that is not a JSON object: {Encoding.UTF8.GetString(message.ToArray())}");
        return (JsonObject)node;
    }


    [AfterScenario]
    public async Task Close()
    {
        if (_socket is null) return;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        _socket.Dispose();
        _socket = null;
    }

    public void Dispose() => _socket?.Dispose();
}
