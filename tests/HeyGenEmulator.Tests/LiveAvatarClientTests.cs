using System.Text.Json.Nodes;
using HeyGen.Client.LiveAvatar;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Tests;

/// <summary>The C# LiveAvatar client (clients/HeyGen.Client/LiveAvatar) against the real emulator on a real port.</summary>
public sealed class LiveAvatarClientTests(TestEmulator emulator) : IClassFixture<TestEmulator>
{
    private const string Wayne = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private LiveAvatarClient Client() => new(emulator.BaseUrl, LiveAvatarOptions.DefaultKey);

    private static JsonObject Body(string mode) => mode == "FULL"
        ? new JsonObject { ["mode"] = "FULL", ["avatar_id"] = Wayne, ["avatar_persona"] = new JsonObject { ["language"] = "en" } }
        : new JsonObject { ["mode"] = mode, ["avatar_id"] = Wayne };

    [Fact]
    public async Task A_full_session_goes_token_start_keep_alive_list_get_transcript_stop()
    {
        using var client = Client();
        var token = await client.CreateSessionTokenAsync(Body("FULL"));
        Assert.Equal("FULL", (string?)LiveAvatarClient.TokenPayload(token.SessionToken)?["start_session_data"]?["mode"]);

        var started = await client.StartAsync();
        Assert.Equal(token.SessionId, started.SessionId);
        Assert.Null(started.WsUrl);
        Assert.StartsWith("ws", started.LivekitUrl, StringComparison.Ordinal);
        Assert.Equal(1200, started.MaxSessionDuration);

        await client.KeepAliveAsync();
        Assert.Contains((await client.ListSessionsAsync("active", pageSize: 100)).Results, s => s.Id == token.SessionId);
        var entry = await client.GetSessionAsync(token.SessionId);
        Assert.Equal(("FULL", false, null), (entry.Mode, entry.IsSandbox, entry.EndReason));
        Assert.True((await client.GetTranscriptAsync(token.SessionId)).SessionActive);

        await client.StopAsync();
        await client.StopAsync(); // the SDK stops on every teardown
        var ended = await client.GetSessionAsync(token.SessionId);
        Assert.Equal("USER_CLOSED", ended.EndReason);
        Assert.Contains((await client.ListSessionsAsync("historic", pageSize: 100)).Results, s => s.Id == token.SessionId);
        Assert.False((await client.GetTranscriptAsync(token.SessionId)).SessionActive);
    }

    [Fact]
    public async Task Errors_carry_LiveAvatar_status_code_and_message()
    {
        using var client = Client();
        var missingMode = await Assert.ThrowsAsync<LiveAvatarApiException>(() => client.CreateSessionTokenAsync(new JsonObject { ["avatar_id"] = Wayne }));
        Assert.Equal((422, 4000), (missingMode.Status, missingMode.Code));
        Assert.Equal("Request validation errors. body: Unable to extract tag using discriminator 'mode'", missingMode.Message);

        using var heyGenKey = new LiveAvatarClient(emulator.BaseUrl, TestEmulator.Key);
        var wrongKey = await Assert.ThrowsAsync<LiveAvatarApiException>(() => heyGenKey.CreateSessionTokenAsync(Body("LITE")));
        Assert.Equal((401, 4001), (wrongKey.Status, wrongKey.Code));

        using var noToken = Client();
        var notAuthenticated = await Assert.ThrowsAsync<LiveAvatarApiException>(() => noToken.StartAsync());
        Assert.Equal((403, 4003, "Not authenticated"), (notAuthenticated.Status, notAuthenticated.Code, notAuthenticated.Message));
    }

    [Fact]
    public async Task A_lite_socket_speaks_in_the_sdks_chunks_and_interrupts()
    {
        using var client = Client();
        await client.CreateSessionTokenAsync(Body("LITE"));
        var started = await client.StartAsync();
        Assert.NotNull(started.WsUrl);
        await using var socket = await LiveAvatarLiteSocket.ConnectAsync(new Uri(started.WsUrl!));
        Assert.Equal("connecting", (string?)(await socket.NextEventAsync(EventTimeout))?["state"]);
        Assert.Equal("connected", (string?)(await socket.NextEventAsync(EventTimeout))?["state"]);

        // 1.2 s: one 300 ms chunk, then 750 ms, then the rest; played out on the (real) clock.
        await socket.SpeakAsync(LiveAvatarLiteSocket.Tone(1.2), "short-1");
        Assert.Equal("short-1", (string?)(await socket.WaitForAsync("agent.speak_started", EventTimeout))?["event_id"]);
        Assert.Equal("short-1", (string?)(await socket.WaitForAsync("agent.speak_ended", EventTimeout))?["event_id"]);

        await socket.SpeakAsync(LiveAvatarLiteSocket.Tone(8), "long-1");
        Assert.Equal("long-1", (string?)(await socket.WaitForAsync("agent.speak_started", EventTimeout))?["event_id"]);
        await socket.InterruptAsync();
        var interrupted = await socket.NextEventAsync(EventTimeout);
        Assert.Equal(("agent.speak_interrupted", "long-1"), ((string?)interrupted?["type"], (string?)interrupted?["event_id"]));

        await client.StopAsync();
        Assert.Null(await socket.WaitForAsync("agent.speak_started", EventTimeout));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
