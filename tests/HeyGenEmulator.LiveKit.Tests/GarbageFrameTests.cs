using System.Net.WebSockets;
using HeyGenEmulator.LiveKit.Protocol;

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
            var type = i % 3 == 0 ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            if (noisyClient.Socket.State == WebSocketState.Open)
                await noisyClient.Socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);
            if (chat!.State == WebSocketState.Open)
                await chat.SendAsync(type == WebSocketMessageType.Text ? "{\"not\":\"a frame\""u8.ToArray() : bytes, type, true, CancellationToken.None);
        }

        // The emulator still answers, the victim's signalling still works, and both sessions accept API calls.
        await victimClient.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 42 } });
        SignalResponse? pong = null;
        for (var n = 0; n < 10 && pong?.PongResp is null; n++) pong = await victimClient.ReceiveAsync();
        Assert.Equal(42, pong?.PongResp?.LastPingTimestamp);
        await emu.TaskAsync(victim.Id, "still fine");
        await emu.TaskAsync(noisy.Id, "me too");
        await emu.StopAsync(victim.Id);
        await emu.StopAsync(noisy.Id);
        chat?.Dispose();
    }
}
