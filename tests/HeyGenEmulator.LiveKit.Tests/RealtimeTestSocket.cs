using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>A realtime-socket client as pipecat is one: JSON text frames out, JSON objects in, no credentials.</summary>
public sealed class RealtimeTestSocket(ClientWebSocket socket) : IDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public static string PathOf(string sessionId) => $"/v2-alpha/interactive-avatar/session/{sessionId}";

    public static async Task<RealtimeTestSocket> OpenAsync(LiveKitEmulator emu, string sessionId)
    {
        var (ws, status) = await emu.TryConnectAsync(PathOf(sessionId));
        Assert.True(ws is not null, $"realtime upgrade refused with {status}");
        var socket = new RealtimeTestSocket(ws!);
        foreach (var state in new[] { "connecting", "connected" })
        {
            var e = await socket.NextAsync();
            Assert.Equal("session.state_updated", (string?)e?["type"]);
            Assert.Equal(state, (string?)e?["state"]);
        }
        return socket;
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(JsonObject command) => SendTextAsync(command.ToJsonString());

    public Task SpeakAsync(byte[] pcm, string? eventId, string type = "agent.speak") =>
        SendAsync(new JsonObject { ["type"] = type, ["audio"] = Convert.ToBase64String(pcm), ["event_id"] = eventId });

    /// <summary>The next event (every frame must be a JSON object); null when the socket closed or nothing came in time.</summary>
    public async Task<JsonObject?> NextAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[64 * 1024];
        using var ms = new MemoryStream();
        WebSocketReceiveResult result;
        try
        {
            do
            {
                result = await Socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                ms.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
        }
        catch (OperationCanceledException)
        {
            return null; // ClientWebSocket aborts on a cancelled receive: check quiet with SentinelAsync instead
        }
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        var node = JsonNode.Parse(ms.ToArray());
        Assert.True(node is JsonObject, $"a frame that is not a JSON object: {Encoding.UTF8.GetString(ms.ToArray())}");
        return (JsonObject)node;
    }

    /// <summary>
    /// Proves that nothing else was sent before now: an unknown command gets an error event naming its id, and it must be
    /// the very next event.
    /// </summary>
    public async Task SentinelAsync(string id = "sentinel")
    {
        await SendAsync(new JsonObject { ["type"] = "test.sentinel", ["event_id"] = id });
        var e = await NextAsync();
        Assert.True(e is not null, "socket closed or quiet instead of answering the sentinel");
        Assert.True((string?)e["type"] == "error" && (string?)e["error"]?["event_id"] == id, $"expected only the sentinel's error, got {e.ToJsonString()}");
    }

    /// <summary>The next event of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonObject> NextOfTypeAsync(string type, int timeoutMs = 5000)
    {
        while (true)
        {
            var e = await NextAsync(timeoutMs) ?? throw new Xunit.Sdk.XunitException($"no '{type}' event (socket closed or quiet)");
            if ((string?)e["type"] == type) return e;
        }
    }

    /// <summary>Speech-like PCM (s16le, 24 kHz, mono): a 200 Hz tone at a speaking level.</summary>
    public static byte[] Pcm(double seconds)
    {
        int samples = (int)(seconds * 24000);
        var pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++)
        {
            var s = (short)(8000 * Math.Sin(2 * Math.PI * 200 * i / 24000.0));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        return pcm;
    }

    public void Dispose() => Socket.Dispose();
}
