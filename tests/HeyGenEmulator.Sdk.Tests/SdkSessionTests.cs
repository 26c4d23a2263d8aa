using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.WebRtc.Testing;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// A whole SDK session in Chromium: connect, media, avatar events, interrupt, stop and idle timeout
/// (issue 5 "Proof", livekit-subset.md §5).
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class SdkSessionTests(SdkKit kit, ITestOutputHelper output)
{
    private const string Avatar = "Wayne_20240711";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private async Task<SdkPage> StartedAsync(string version, string quality = "low", object? extra = null)
    {
        var page = await kit.OpenAsync(version);
        var request = new Dictionary<string, object?> { ["avatarName"] = Avatar, ["quality"] = quality };
        if (extra is not null)
            foreach (var p in extra.GetType().GetProperties()) request[p.Name] = p.GetValue(extra);
        var result = await page.StartAsync(request);
        if (!result.Ok)
        {
            var diagnostics = await page.DiagnosticsAsync();
            await page.DisposeAsync();
            result.EnsureOk($"SDK {version} createStartAvatar ({diagnostics})");
        }
        return page;
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task createStartAvatar_resolves_and_stream_ready_carries_one_video_and_one_audio_track(string version)
    {
        await using var page = await StartedAsync(version);
        Assert.NotNull(page.SessionId);

        var ready = await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var kinds = ready.Detail.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["audio", "video"], kinds);
        Assert.Single(await page.EventsAsync(), e => e.Name == "stream_ready");
        var session = (await kit.SessionsAsync()).Single(s => s!["session_id"]!.GetValue<string>() == page.SessionId)!;
        Assert.Equal("connected", session["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(SdkVersions.V208, "low", 640, 360)]
    [InlineData(SdkVersions.V210, "low", 640, 360)]
    public async Task Video_decodes_at_the_qualitys_size_and_keeps_playing(string version, string quality, int width, int height)
    {
        await using var page = await StartedAsync(version, quality);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);

        var deadline = Stopwatch.StartNew();
        while ((await page.VideoSizeAsync()).Width == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Equal((width, height), await page.VideoSizeAsync());

        var before = await page.FramesDecodedAsync();
        await Task.Delay(2000);
        var after = await page.FramesDecodedAsync();
        output.WriteLine($"SDK {version}: {after - before} frames decoded in 2 s at {width}x{height}");
        Assert.True(after - before >= 20, $"only {after - before} frames decoded in 2 s");
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task speak_emits_the_four_avatar_events_in_order_with_the_REST_task_id(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var from = (await page.EventsAsync()).Count;
        const string text = "Hello from the emulator. This is a test.";

        var spoken = (await page.SpeakAsync(new { text, taskType = "repeat" })).EnsureOk("speak");
        var taskId = spoken.Value.GetProperty("task_id").GetString();
        Assert.False(string.IsNullOrEmpty(taskId));
        var durationMs = spoken.Value.GetProperty("duration_ms").GetDouble();

        await page.WaitForEventAsync("avatar_stop_talking", TimeSpan.FromMilliseconds(durationMs) + TimeSpan.FromSeconds(5), from);
        var events = (await page.EventsAsync()).Skip(from).Where(e => e.Name.StartsWith("avatar_", StringComparison.Ordinal)).ToList();
        var names = events.Select(e => e.Name).ToList();

        Assert.Equal("avatar_start_talking", names[0]);
        Assert.Equal("avatar_stop_talking", names[^1]);
        Assert.Equal("avatar_end_message", names[^2]);
        Assert.All(names[1..^2], n => Assert.Equal("avatar_talking_message", n));
        Assert.NotEmpty(names[1..^2]);
        Assert.All(events, e => Assert.Equal(taskId, e.Detail.GetProperty("task_id").GetString()));
        var said = string.Concat(events.Where(e => e.Name == "avatar_talking_message").Select(e => e.Detail.GetProperty("message").GetString()));
        Assert.Equal(Normalize(text), Normalize(said));
        Assert.True(events[^1].Detail.TryGetProperty("duration_ms", out _), "avatar_stop_talking has no duration_ms");
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task interrupt_ends_the_talking_sequence_early(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var from = (await page.EventsAsync()).Count;
        var longText = string.Join(" ", Enumerable.Repeat("This sentence keeps the avatar talking for a while.", 12));
        // async: SDK 2.1.0 sends no task_mode unless told, and the server's default (sync) answers only when speech ends.

        var spoken = (await page.SpeakAsync(new { text = longText, taskType = "repeat", taskMode = "async" })).EnsureOk("speak");
        var taskId = spoken.Value.GetProperty("task_id").GetString();
        var durationMs = spoken.Value.GetProperty("duration_ms").GetDouble();
        Assert.True(durationMs > 10_000, $"duration_ms {durationMs} too short to interrupt");
        var started = await page.WaitForEventAsync("avatar_start_talking", TimeSpan.FromSeconds(5), from);

        (await page.InterruptAsync()).EnsureOk("interrupt");
        var stopped = await page.WaitForEventAsync("avatar_stop_talking", TimeSpan.FromSeconds(2), from);

        Assert.Equal(taskId, stopped.Detail.GetProperty("task_id").GetString());
        Assert.True(stopped.T - started.T < durationMs / 2, $"stopped after {stopped.T - started.T:0} ms of {durationMs:0} ms");
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task stopAvatar_gives_stream_disconnected_with_reason_5_within_1_s(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);

        (await page.StopAsync()).EnsureOk("stopAvatar");
        var disconnected = await page.WaitForEventAsync("stream_disconnected", TimeSpan.FromSeconds(2));

        var marks = await page.MarksAsync();
        var afterStop = disconnected.T - marks.GetProperty("stopCalled").GetDouble();
        output.WriteLine($"SDK {version}: stream_disconnected {afterStop:0} ms after stopAvatar()");
        Assert.Equal(5, disconnected.Detail.GetInt32());
        Assert.True(afterStop <= 1000, $"stream_disconnected {afterStop:0} ms after stopAvatar()");
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Idle_timeout_on_the_admin_clock_disconnects_the_SDK(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);

        var advanced = await kit.AdvanceClockAsync(121);
        Assert.Contains(advanced["closed_sessions"]!.AsArray(), s => s!["session_id"]!.GetValue<string>() == page.SessionId);
        var disconnected = await page.WaitForEventAsync("stream_disconnected", TimeSpan.FromSeconds(2));

        Assert.Equal(5, disconnected.Detail.GetInt32());
    }

    /// <summary>SDK 2.1.0 only (voiceChatTransport exists from 2.0.14): fake microphone published over LiveKit, text as a data packet.</summary>
    [Fact]
    public async Task SDK_210_LiveKit_voice_chat_publishes_the_fake_microphone_and_text_reaches_the_avatar()
    {
        await using var page = await StartedAsync(SdkVersions.V210, extra: new { voiceChatTransport = "livekit" });
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var newBody = (await page.RequestsAsync()).EnumerateArray().First().GetProperty("body").GetString()!;
        Assert.Contains("\"ia_is_livekit_transport\":true", newBody);

        (await page.StartVoiceChatAsync()).EnsureOk("startVoiceChat"); // publishes the microphone, then sleeps 4 s
        var published = await page.Page.EvaluateAsync<JsonElement>(
            "() => [...kit.avatar.room.localParticipant.trackPublications.values()].map(p => ({ kind: p.kind, sid: p.trackSid }))");
        Assert.Contains(published.EnumerateArray(), p => p.GetProperty("kind").GetString() == "audio" && p.GetProperty("sid").GetString()!.StartsWith("TR_", StringComparison.Ordinal));

        // talk + async with LiveKit transport goes as a data packet "<text>", not REST; the avatar answers with the full sequence.
        var from = (await page.EventsAsync()).Count;
        var requestsBefore = (await page.RequestsAsync()).GetArrayLength();
        (await page.SpeakAsync(new { text = "hello", taskType = "talk", taskMode = "async" })).EnsureOk("speak");
        await page.WaitForEventAsync("avatar_start_talking", TimeSpan.FromSeconds(15), from); // speech is synthesised first
        await page.WaitForEventAsync("avatar_stop_talking", TimeSpan.FromSeconds(30), from);
        Assert.Equal(requestsBefore, (await page.RequestsAsync()).GetArrayLength());
    }

    /// <summary>
    /// SDK 2.0.8's voice chat (websocket transport, its only one): Chromium's fake microphone goes over the chat socket as
    /// <c>pipecat.Frame</c> audio (16 kHz s16le), the emulator's VAD hears it, and the SDK emits <c>user_start</c> from the
    /// socket's event. (The fake device never falls silent long enough for <c>user_stop</c>; the VAD's stop is unit-tested
    /// with PCM silence in <c>EventsAndChatTests</c>.)
    /// </summary>
    [Fact]
    public async Task SDK_208_voice_chat_streams_microphone_audio_over_the_chat_socket_and_the_VAD_answers()
    {
        await using var page = await StartedAsync(SdkVersions.V208);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var from = (await page.EventsAsync()).Count;

        (await page.StartVoiceChatAsync()).EnsureOk("startVoiceChat");
        var start = await page.WaitForEventAsync("user_start", TimeSpan.FromSeconds(10), from);
        Assert.Equal("user_start", start.Detail.GetProperty("event_type").GetString());

        var chat = (await kit.JournalAsync(page.SessionId)).Where(e => e!["kind"]!.GetValue<string>() == "chat").ToList();
        Assert.Contains(chat, e => e!["request"]?["step"]?.GetValue<string>() == "event_out" && e["request"]!["event_type"]!.GetValue<string>() == "user_start");
        output.WriteLine($"SDK 2.0.8 voice chat: user_start at page time {start.T:0} ms");
    }

    /// <summary>
    /// SDK 2.1.0 with <c>useSilencePrompt</c> opens the chat socket with <c>silence_response=true</c>; 15 quiet seconds on
    /// the admin clock bring <c>user_silence</c>, which the SDK emits with the server's JSON as detail.
    /// </summary>
    [Fact]
    public async Task SDK_210_with_useSilencePrompt_emits_user_silence_after_15_quiet_seconds()
    {
        await using var page = await StartedAsync(SdkVersions.V210, extra: new { useSilencePrompt = true });
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        // The SDK opens the chat socket alongside the room, so stream_ready may come before the socket is journaled.
        static bool Opened(JsonNode? e) => e!["kind"]!.GetValue<string>() == "chat" && e["status"]!.GetValue<int>() == 101
                                           && e["request"]?["step"]?.GetValue<string>() == "opened";
        var journal = await Poll.UntilAsync(() => kit.JournalAsync(page.SessionId), j => j.Any(Opened), "the chat socket's opened entry");
        var opened = journal.Single(Opened);
        Assert.Contains("silence_response=true", opened!["path"]!.GetValue<string>());

        var from = (await page.EventsAsync()).Count;
        await kit.AdvanceClockAsync(15);
        var silence = await page.WaitForEventAsync("user_silence", TimeSpan.FromSeconds(5), from);
        // Playwright's serialisation adds a "$id" to objects; the server's fields are what matter.
        Assert.Equal("user_silence", silence.Detail.GetProperty("event_type").GetString());
        Assert.Equal(1, silence.Detail.GetProperty("silence_times").GetInt32());
        Assert.Equal(2, silence.Detail.GetProperty("count_down").GetInt32());
    }

    private static string Normalize(string s) => string.Join(" ", s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>SDK 2.1.0 opens HeyGen's chat socket at wss://&lt;basePath host&gt;:443 for real: the emulator's TLS listener answers.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkChatSocketOn443Tests(SdkKit kit)
{
    [Fact]
    public async Task SDK_210_opens_the_chat_socket_on_port_443_over_TLS_and_createStartAvatar_resolves()
    {
        Assert.True(kit.Tls443Unavailable is null, kit.Tls443Unavailable);
        await using var page = await kit.OpenAsync(SdkVersions.V210, new SdkPageOptions { BridgeChatSocket = false });
        var result = await page.StartAsync(new Dictionary<string, object?> { ["avatarName"] = "Wayne_20240711", ["quality"] = "low" });
        result.EnsureOk($"createStartAvatar with the chat socket on 443 ({await page.DiagnosticsAsync()})");
        await page.WaitForEventAsync("stream_ready", TimeSpan.FromSeconds(10));

        var chat = (await kit.JournalAsync(page.SessionId)).Where(e => e!["kind"]!.GetValue<string>() == "chat").ToList();
        Assert.Contains(chat, e => e!["status"]!.GetValue<int>() == 101 && e["path"]!.GetValue<string>().StartsWith("/v1/ws/streaming.chat?session_id=" + page.SessionId, StringComparison.Ordinal));
        Assert.Empty(page.ChatSockets);
        Assert.True((await page.StopAsync()).Ok);
    }
}
