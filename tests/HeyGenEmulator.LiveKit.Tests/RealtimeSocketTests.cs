using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HeyGenEmulator.Journal;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The realtime socket at <c>realtime_endpoint</c> (heygen-realtime.md), media off: speech events timed from the PCM's
/// length on the emulator clock, which the tests advance instead of sleeping.
/// </summary>
public sealed class RealtimeSocketTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>, IAsyncLifetime
{
    private readonly List<string> _sessions = [];

    private async Task<string> StartedSessionAsync(int? idleTimeout = null)
    {
        var session = await emu.NewSessionAsync(idleTimeout: idleTimeout);
        _sessions.Add(session.Id);
        await emu.StartAsync(session.Id);
        return session.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Each test's sessions end with it: the key's concurrent limit is shared by the class.</summary>
    public async Task DisposeAsync()
    {
        foreach (var id in _sessions)
            using (await emu.Http.PostAsync("v1/streaming.stop", System.Net.Http.Json.JsonContent.Create(new { session_id = id }))) { }
    }

    private DateTimeOffset Now => emu.Services.GetRequiredService<HeyGenEmulator.Clock.EmulatorClock>().GetUtcNow();

    private SessionState StateOf(string id) => emu.Services.GetRequiredService<SessionManager>().FindAny(id)!.State;

    [Fact]
    public async Task The_realtime_endpoint_of_streaming_new_opens_with_connecting_then_connected()
    {
        var created = await emu.PostAsync("v1/streaming.new", new JsonObject { ["version"] = "v2" });
        var endpoint = (string)created["data"]!["realtime_endpoint"]!;
        var id = (string)created["data"]!["session_id"]!;
        _sessions.Add(id);
        Assert.Equal(emu.WsUri(RealtimeTestSocket.PathOf(id)).ToString(), endpoint);
        await emu.StartAsync(id);
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SentinelAsync();
    }

    [Fact]
    public async Task Pipecat_chunks_make_one_utterance_started_at_once_and_ended_after_its_audio_has_played()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.4), "812");
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(1.0), "812");
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.3), "813"); // a client that changes ids per chunk: still one utterance
        await socket.SendAsync(new JsonObject { ["type"] = "agent.speak_end", ["event_id"] = "812" });
        var started = await socket.NextAsync();
        Assert.Equal("agent.speak_started", (string?)started?["type"]);
        Assert.Equal("812", (string?)started!["event_id"]);
        Assert.Equal("812", (string?)started["source_event_id"]);
        var taskId = (string)started["task"]!["id"]!;
        Assert.True(Guid.TryParse(taskId, out _));
        await socket.SentinelAsync(); // 1.7 s of audio: not ended yet
        Assert.True(emu.Services.GetRequiredService<SessionManager>().FindAny(id)!.IsTalking(Now.AddSeconds(1.5))); // all chunks on the timeline

        await emu.AdvanceClockAsync(1.8);
        var ended = await socket.NextAsync();
        Assert.Equal("agent.speak_ended", (string?)ended?["type"]);
        Assert.Equal(taskId, (string?)ended!["task"]!["id"]);
        Assert.Equal("812", (string?)ended["event_id"]);
        await socket.SentinelAsync();
    }

    [Fact]
    public async Task Audio_buffer_append_is_held_until_commit_and_clear_drops_it()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.5), "a1", "agent.audio_buffer_append");
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.5), "a2", "agent.audio_buffer_append");
        await socket.SentinelAsync(); // nothing plays before the commit
        await socket.SpeakAsync([0], "c1", "agent.audio_buffer_commit"); // HeyGen's demo commits with audio "AA==" (one byte)
        var started = await socket.NextAsync();
        Assert.Equal("agent.speak_started", (string?)started?["type"]);
        Assert.Equal("a1", (string?)started!["event_id"]);
        await emu.AdvanceClockAsync(1.1);
        Assert.Equal("agent.speak_ended", (string?)(await socket.NextAsync())?["type"]);

        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.5), "a3", "agent.audio_buffer_append");
        await socket.SendAsync(new JsonObject { ["type"] = "agent.audio_buffer_clear", ["event_id"] = "x" });
        await socket.SpeakAsync([0], "c2", "agent.audio_buffer_commit");
        await socket.SentinelAsync(); // cleared: the commit had nothing to play
    }

    [Fact]
    public async Task Interrupt_ends_the_utterance_at_once_and_its_end_never_follows()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(1.0), "900");
        var started = await socket.NextOfTypeAsync("agent.speak_started");
        await socket.SendAsync(new JsonObject { ["type"] = "agent.interrupt", ["event_id"] = "900" });
        var interrupted = await socket.NextAsync();
        Assert.Equal("agent.speak_interrupted", (string?)interrupted?["type"]);
        Assert.Equal((string?)started["task"]!["id"], (string?)interrupted!["task"]!["id"]);
        Assert.False(emu.Services.GetRequiredService<SessionManager>().FindAny(id)!.IsTalking(Now.AddSeconds(0.01)));
        await socket.SendAsync(new JsonObject { ["type"] = "agent.speak_end", ["event_id"] = "900" });
        await emu.AdvanceClockAsync(2);
        await socket.SentinelAsync();
    }

    [Fact]
    public async Task A_REST_interrupt_ends_the_sockets_utterance_too()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(1.0), "901");
        var started = await socket.NextOfTypeAsync("agent.speak_started");
        await emu.InterruptAsync(id);
        var interrupted = await socket.NextAsync();
        Assert.Equal("agent.speak_interrupted", (string?)interrupted?["type"]);
        Assert.Equal((string?)started["task"]!["id"], (string?)interrupted!["task"]!["id"]);
        await socket.SendAsync(new JsonObject { ["type"] = "agent.speak_end", ["event_id"] = "901" });
        await emu.AdvanceClockAsync(2);
        await socket.SentinelAsync(); // no speak_ended for the interrupted utterance
    }

    [Fact]
    public async Task What_real_clients_send_is_tolerated_without_an_error()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        foreach (var text in new[]
                 {
                     """{"type":"agent.interrupt","event_id":null}""",
                     """{"type":"agent.start_listening","event_id":"5a0c9b1e-0000-4000-8000-000000000000"}""",
                     """{"type":"agent.stop_listening"}""",
                     """{"type":"agent.end_listening","event_id":"x"}""",
                     """{"type":"agent.speak_end","event_id":"nothing-buffered"}""",
                     """{"type":"agent.audio_buffer_commit","event_id":"c","audio":""}""",
                     """{"type":"start","encoding":"pcm_s16le","sample_rate":24000,"channels":1}""",
                     """{"type":"session.keep_alive","event_id":1234}""",
                     """{"type":"agent.speak","audio":"","event_id":"empty"}""",
                 })
            await socket.SendTextAsync(text);
        await socket.SentinelAsync();
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.2).Concat(new byte[] { 7 }).ToArray(), "odd"); // odd length: the last byte is dropped
        Assert.Equal("odd", (string?)(await socket.NextOfTypeAsync("agent.speak_started"))["event_id"]);
        await socket.SendTextAsync("""{"type":"agent.speak_end","event_id":"odd"}""");
        await emu.AdvanceClockAsync(0.3);
        Assert.Equal("agent.speak_ended", (string?)(await socket.NextAsync())?["type"]);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"agent.speak\"", "must be a JSON object")]
    [InlineData("""{"event_id":"e1"}""", "type is required")]
    [InlineData("""{"type":"agent.dance","event_id":"e1"}""", "unknown message type 'agent.dance'")]
    [InlineData("""{"type":"agent.speak","audio":"%%%not base64","event_id":"e1"}""", "audio is not valid base64")]
    [InlineData("""{"type":"agent.speak","audio":12,"event_id":"e1"}""", "audio must be a base64 string")]
    public async Task A_bad_message_gets_an_error_event_and_the_socket_and_other_sessions_carry_on(string text, string message)
    {
        var id = await StartedSessionAsync();
        var other = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        using var otherSocket = await RealtimeTestSocket.OpenAsync(emu, other);
        await socket.SendTextAsync(text);
        var error = await socket.NextAsync();
        Assert.Equal("error", (string?)error?["type"]);
        Assert.Equal("invalid_request_error", (string?)error!["error"]!["type"]);
        Assert.Contains(message, (string?)error["error"]!["message"]);
        if (text.Contains("e1", StringComparison.Ordinal)) Assert.Equal("e1", (string?)error["error"]!["event_id"]);
        Assert.True(Guid.TryParse((string?)error["event_id"], out _));

        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.2), "after");
        Assert.Equal("after", (string?)(await socket.NextOfTypeAsync("agent.speak_started"))["event_id"]);
        await otherSocket.SpeakAsync(RealtimeTestSocket.Pcm(0.2), "other");
        Assert.Equal("other", (string?)(await otherSocket.NextOfTypeAsync("agent.speak_started"))["event_id"]);
        Assert.Equal(SessionState.Connected, StateOf(id));
    }

    [Fact]
    public async Task A_binary_frame_gets_an_error_event()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        var error = await socket.NextAsync();
        Assert.Equal("error", (string?)error?["type"]);
        Assert.Contains("binary frames are not accepted", (string?)error!["error"]!["message"]);
        await socket.SentinelAsync();
    }

    [Fact]
    public async Task A_message_over_1_MiB_gets_an_error_event_then_close_1009()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await socket.SendTextAsync("{\"type\":\"agent.speak\",\"audio\":\"" + new string('A', 1024 * 1024) + "\"}");
        var error = await socket.NextAsync();
        Assert.Equal("error", (string?)error?["type"]);
        Assert.Contains("larger than 1048576 bytes", (string?)error!["error"]!["message"]);
        Assert.Null(await socket.NextAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.Socket.CloseStatus);
        Assert.Equal(SessionState.Connected, StateOf(id));
    }

    [Fact]
    public async Task Unplayed_audio_is_capped_at_60_seconds_and_the_chunk_beyond_is_refused()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        var eight = RealtimeTestSocket.Pcm(8);
        for (int i = 0; i < 7; i++) await socket.SpeakAsync(eight, "long");
        Assert.Equal("agent.speak_started", (string?)(await socket.NextAsync())?["type"]);
        await socket.SpeakAsync(eight, "long");
        var error = await socket.NextAsync();
        Assert.Equal("error", (string?)error?["type"]);
        Assert.Contains("more than 60 s of unplayed audio", (string?)error!["error"]!["message"]);
        await emu.AdvanceClockAsync(10); // played down: room again
        await socket.SpeakAsync(eight, "long");
        await socket.SentinelAsync();
    }

    [Fact]
    public async Task Commands_before_start_get_the_state_error()
    {
        var session = await emu.NewSessionAsync();
        _sessions.Add(session.Id);
        using var socket = await RealtimeTestSocket.OpenAsync(emu, session.Id);
        await socket.SpeakAsync(RealtimeTestSocket.Pcm(0.1), "early");
        var error = await socket.NextAsync();
        Assert.Equal("Session state wrong: new", (string?)error?["error"]?["message"]);
    }

    [Fact]
    public async Task Unknown_ended_and_v1_sessions_are_refused_before_the_upgrade()
    {
        Assert.Equal(404, (await emu.TryConnectAsync(RealtimeTestSocket.PathOf("no-such-session"))).Status);
        var stopped = await StartedSessionAsync();
        await emu.StopAsync(stopped);
        Assert.Equal(404, (await emu.TryConnectAsync(RealtimeTestSocket.PathOf(stopped))).Status);
        var v1 = (string)(await emu.PostAsync("v1/streaming.new", new JsonObject { ["version"] = "v1" }))["data"]!["session_id"]!;
        _sessions.Add(v1);
        Assert.Equal(400, (await emu.TryConnectAsync(RealtimeTestSocket.PathOf(v1))).Status);
        var plain = await emu.Http.GetAsync(RealtimeTestSocket.PathOf(await StartedSessionAsync()).TrimStart('/'));
        Assert.Equal(400, (int)plain.StatusCode);
        var refused = emu.Journal("no-such-session", LiveKitJournal.RealtimeKind).Single();
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task Two_sockets_at_once_per_session_a_third_is_429_and_sequential_ones_are_served()
    {
        var id = await StartedSessionAsync();
        using var first = await RealtimeTestSocket.OpenAsync(emu, id);
        using (var second = await RealtimeTestSocket.OpenAsync(emu, id))
        {
            Assert.Equal(429, (await emu.TryConnectAsync(RealtimeTestSocket.PathOf(id))).Status);
            await second.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        await Poll.Until(() => emu.Services.GetRequiredService<RealtimeSpeech>().Connections(id) == 1);
        using var third = await RealtimeTestSocket.OpenAsync(emu, id);
        await first.SpeakAsync(RealtimeTestSocket.Pcm(0.2), "both");
        Assert.Equal("both", (string?)(await first.NextOfTypeAsync("agent.speak_started"))["event_id"]);
        Assert.Equal("both", (string?)(await third.NextOfTypeAsync("agent.speak_started"))["event_id"]);
    }

    [Fact]
    public async Task Streaming_stop_sends_closed_then_close_1000()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await emu.StopAsync(id);
        var closed = await socket.NextAsync();
        Assert.Equal("session.state_updated", (string?)closed?["type"]);
        Assert.Equal("closed", (string?)closed!["state"]);
        Assert.Null(await socket.NextAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task Keep_alive_resets_the_idle_timer_and_the_idle_end_closes_the_socket()
    {
        var id = await StartedSessionAsync(idleTimeout: 30);
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        await emu.AdvanceClockAsync(20);
        await socket.SendAsync(new JsonObject { ["type"] = "session.keep_alive", ["event_id"] = Guid.NewGuid().ToString() });
        await socket.SentinelAsync(); // the keep-alive was handled before the clock moves on
        await emu.AdvanceClockAsync(20);
        Assert.Equal(SessionState.Connected, StateOf(id));
        await emu.AdvanceClockAsync(11);
        Assert.Equal(SessionState.Closed, StateOf(id));
        Assert.Equal("closed", (string?)(await socket.NextOfTypeAsync("session.state_updated"))["state"]);
        Assert.Null(await socket.NextAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task Every_frame_is_journaled_with_its_type_and_sizes_but_never_the_audio()
    {
        var id = await StartedSessionAsync();
        using var socket = await RealtimeTestSocket.OpenAsync(emu, id);
        var pcm = RealtimeTestSocket.Pcm(0.4);
        await socket.SpeakAsync(pcm, "j1");
        await socket.NextOfTypeAsync("agent.speak_started");
        var entries = emu.Journal(id, LiveKitJournal.RealtimeKind);
        var frame = entries.Single(e => LiveKitEmulator.Step(e) == "frame_in");
        Assert.Equal("agent.speak", (string?)frame.Request!["type"]);
        Assert.Equal(pcm.Length, (int)frame.Request["audio_bytes"]!);
        Assert.Equal("j1", (string?)frame.Request["event_id"]);
        Assert.DoesNotContain(Convert.ToBase64String(pcm)[..64], frame.Request.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(entries, e => LiveKitEmulator.Step(e) == "event_out" && (string?)e.Request!["type"] == "agent.speak_started");
        Assert.Contains(entries, e => LiveKitEmulator.Step(e) == "opened");
    }
}
