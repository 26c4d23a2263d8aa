using System.Net.WebSockets;
using Google.Protobuf;
using HeyGenEmulator.LiveKit.Pipecat;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>Garbage on the signalling and chat sockets is dropped: no crash, and another session never notices.</summary>
public sealed class GarbageFrameTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    [Fact]
    public async Task Garbage_frames_on_rtc_and_chat_sockets_harm_neither_that_session_nor_another()
    {
        var victim = await emu.NewSessionAsync();
        await emu.StartAsync(victim.Id);
        using var victimClient = await emu.JoinAsync(victim);
        Assert.NotNull((await victimClient.ReceiveAsync())?.Join);

        var noisy = await emu.NewSessionAsync();
        await emu.StartAsync(noisy.Id);
        using var noisyClient = await emu.JoinAsync(noisy);
        Assert.NotNull((await noisyClient.ReceiveAsync())?.Join);
        var (chat, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id={noisy.Id}&session_token={LiveKitEmulator.Key}");
        Assert.True(chat is not null, $"chat upgrade refused: {status}");

        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            // Text frames must be valid UTF-8 or the WebSocket layer itself fails them; the garbage is in the content.
            var (payload, type) = i % 3 == 0 ? ("{\"not\":\"a frame\""u8.ToArray(), WebSocketMessageType.Text) : (bytes, WebSocketMessageType.Binary);
            // No State guard: a socket the server closed makes the send throw, which is the failure to see.
            await noisyClient.Socket.SendAsync(payload, type, true, CancellationToken.None);
            await chat!.SendAsync(payload, type, true, CancellationToken.None);
        }

        // Both noisy sockets still work after their garbage: a ping gets its pong, a chat text becomes a task.
        await noisyClient.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 41 } });
        Assert.Equal(41, (await noisyClient.ReceiveAsync(SignalResponse.MessageOneofCase.PongResp)).PongResp.LastPingTimestamp);
        await chat!.SendAsync(new Frame { Text = new TextFrame { Text = "after the noise" } }.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var noisySession = emu.Services.GetRequiredService<SessionManager>().FindAny(noisy.Id)!;
        await Poll.Until(() => noisySession.TaskSnapshot().Any(t => t.SpokenText == "You said: after the noise"), "a task from chat after the garbage");

        // The victim's signalling still works, and both sessions accept API calls.
        await victimClient.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 42 } });
        Assert.Equal(42, (await victimClient.ReceiveAsync(SignalResponse.MessageOneofCase.PongResp)).PongResp.LastPingTimestamp);
        await emu.TaskAsync(victim.Id, "still fine");
        await emu.TaskAsync(noisy.Id, "me too");
        await emu.StopAsync(victim.Id);
        await emu.StopAsync(noisy.Id);
        chat?.Dispose();
    }
}
