using System.Net.WebSockets;
using Google.Protobuf;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.LiveKit.Pipecat;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

using static ChatKit;

/// <summary>S7 avatar events on <c>_reliable</c> and HeyGen's chat socket (S11's data in: <see cref="PublisherDataTests"/>).</summary>
public sealed class EventsAndChatTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    private Task<(LiveKitEmulator.NewSession Session, LiveKitTestClient Client, SignallingOnlyPeer Peer)> ConnectedAsync() => ChatKit.ConnectedAsync(emu);

    private string SessionToken() => ChatKit.SessionToken(emu);

    private Task<ClientWebSocket> ChatAsync(string sessionId, string token, bool silenceResponse = false) => ChatKit.ChatAsync(emu, sessionId, token, silenceResponse);

    [Fact]
    public async Task S7_a_task_gives_start_word_chunks_end_and_stop_with_the_REST_task_id_and_duration()
    {
        var (session, client, peer) = await ConnectedAsync();
        using var _c = client;
        var taskId = await emu.TaskAsync(session.Id, "hello there brave new world");
        await emu.AdvanceClockAsync(60);
        await Poll.Until(() => Events(peer).Any(e => e["type"]!.GetValue<string>() == "avatar_stop_talking"), "stop talking");
        var events = Events(peer);
        Assert.All(events, e => Assert.Equal(taskId, e["task_id"]!.GetValue<string>()));
        var types = events.Select(e => e["type"]!.GetValue<string>()).ToList();
        Assert.Equal("avatar_start_talking", types[0]);
        Assert.Equal(["avatar_end_message", "avatar_stop_talking"], types[^2..]);
        var chunks = events.Where(e => e["type"]!.GetValue<string>() == "avatar_talking_message").Select(e => e["message"]!.GetValue<string>());
        Assert.Equal("hello there brave new world", string.Concat(chunks));
        Assert.True(events[^1]["duration_ms"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task S7_the_journal_keeps_one_entry_for_a_tasks_words_and_each_start_end_and_stop()
    {
        var (session, client, peer) = await ConnectedAsync();
        using var _c = client;
        var taskId = await emu.TaskAsync(session.Id, "hello there brave new world");
        await emu.AdvanceClockAsync(60);
        await Poll.Until(() => emu.Journal(session.Id).Any(e => e.Request?["type"]?.GetValue<string>() == "avatar_stop_talking"), "stop journaled");
        var data = emu.Journal(session.Id).Where(e => LiveKitEmulator.Step(e) == "data").Select(e => e.Request!).ToList();
        Assert.Equal(["avatar_start_talking", "avatar_talking_message", "avatar_end_message", "avatar_stop_talking"],
            data.Select(d => d["type"]!.GetValue<string>()));
        Assert.All(data, d => Assert.Equal(taskId, d["task_id"]!.GetValue<string>()));
        Assert.Equal(5, data[1]["words"]!.GetValue<int>());
        Assert.Equal(5, data[1]["delivered"]!.GetValue<int>());
        Assert.Equal(5, Events(peer).Count(e => e["type"]!.GetValue<string>() == "avatar_talking_message")); // the client still got every word
    }

    [Fact]
    public async Task S7_interrupt_ends_the_sequence_early()
    {
        var (session, client, peer) = await ConnectedAsync();
        using var _c = client;
        await emu.TaskAsync(session.Id, string.Join(' ', Enumerable.Repeat("word", 60)));
        await Poll.Until(() => Events(peer).Count > 0, "start talking");
        await emu.InterruptAsync(session.Id);
        await Poll.Until(() => Events(peer).Any(e => e["type"]!.GetValue<string>() == "avatar_stop_talking"), "stop talking");
        var stop = Events(peer).Last();
        Assert.True(stop["duration_ms"]!.GetValue<double>() < 20_000);
        Assert.True(Events(peer).Count(e => e["type"]!.GetValue<string>() == "avatar_talking_message") < 60);
    }

    [Fact]
    public async Task Chat_socket_checks_session_and_raw_token_with_plus()
    {
        var session = await emu.NewSessionAsync(key: LiveKitEmulator.PlusKey);
        var token = LiveKitEmulator.PlusKey;
        var (ws, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id={session.Id}&session_token=nope");
        Assert.Null(ws);
        Assert.Equal(401, status);
        (ws, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id=unknown&session_token={token}");
        Assert.Null(ws);
        Assert.Equal(404, status);
        // '+' as a space would not match: the raw token must be accepted.
        (ws, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id={session.Id}&session_token={token.Replace('+', ' ').Replace(" ", "%20")}");
        Assert.Null(ws);
        using var ok = await ChatAsync(session.Id, token);
        Assert.Equal(WebSocketState.Open, ok.State);
    }

    [Fact]
    public async Task Chat_text_frame_becomes_a_talk_task_and_audio_drives_the_VAD()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        var token = Uri.EscapeDataString(SessionToken());
        using var ws = await ChatAsync(session.Id, token);
        var text = new Frame { Text = new TextFrame { Text = "what is up" } };
        await ws.SendAsync(text.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        var s = emu.Services.GetRequiredService<SessionManager>().FindAny(session.Id)!;
        await Poll.Until(() => s.TaskSnapshot().Any(t => t.SpokenText == "You said: what is up"), "task from chat text");

        for (int i = 0; i < 10; i++) await ws.SendAsync(Tone(8000), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        for (int i = 0; i < 30; i++) await ws.SendAsync(Tone(0), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Users_speech_restarts_the_silence_count()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var ws = await ChatAsync(session.Id, Uri.EscapeDataString(SessionToken()), silenceResponse: true);
        await emu.AdvanceClockAsync(15);
        Assert.Equal("""{"event_type":"user_silence","silence_times":1,"count_down":2}""", (await ReceiveTextAsync(ws)).ToJsonString());
        await emu.AdvanceClockAsync(15);
        Assert.Equal(2, (await ReceiveTextAsync(ws))["silence_times"]!.GetValue<int>());

        for (int i = 0; i < 10; i++) await ws.SendAsync(Tone(8000), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        // However long the user speaks, that is no silence.
        await emu.AdvanceClockAsync(40);
        for (int i = 0; i < 30; i++) await ws.SendAsync(Tone(0), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        await emu.AdvanceClockAsync(15);
        Assert.Equal("""{"event_type":"user_silence","silence_times":1,"count_down":2}""", (await ReceiveTextAsync(ws)).ToJsonString());
    }

    [Fact]
    public async Task Chat_socket_closes_when_the_session_stops()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        var token = Uri.EscapeDataString(SessionToken());
        using var ws = await ChatAsync(session.Id, token);
        await emu.StopAsync(session.Id);
        using var cts = new CancellationTokenSource(5000);
        var result = await ws.ReceiveAsync(new byte[1024], cts.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
    }
}
