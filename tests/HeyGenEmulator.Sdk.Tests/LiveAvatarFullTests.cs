using System.Diagnostics;
using System.Text.Json;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// Issue 12's proof, FULL mode: the official <c>@heygen/liveavatar-web-sdk</c> 0.0.18 (with its livekit-client
/// 2.15.7), unmodified, in Chromium, as an app uses it: the backend (this test) calls <c>/v1/sessions/token</c> with
/// the key, the page calls <c>new LiveAvatarSession(token, {apiUrl})</c> and <c>start()</c>, which needs the room's
/// <c>heygen</c> and <c>liveavatar-agent-&lt;id&gt;</c> (SDK lib/index.esm.js L1134-1169), and speaks with
/// <c>repeat()</c> / <c>message()</c> over the <c>agent-control</c> data topic.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class LiveAvatarFullTests(SdkKit kit, ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A FULL token body: the sandbox's Wayne (any session may use it), the given quality.</summary>
    public static object FullBody(string quality = "low", bool sandbox = false) => new
    {
        mode = "FULL",
        avatar_id = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a",
        is_sandbox = sandbox,
        avatar_persona = new { language = "en" },
        video_settings = new { quality, encoding = "H264" },
    };

    /// <summary>A page whose SDK session has started (start() resolved) and is streaming (stream_ready).</summary>
    internal static async Task<(LiveAvatarPage Page, string SessionId)> StartedAsync(SdkKit kit, object body)
    {
        var (token, sessionId) = await kit.LiveAvatarTokenAsync(body);
        var page = await kit.OpenLiveAvatarAsync();
        var started = await page.StartAsync(token, kit.EmulatorUrl);
        if (!started.Ok)
        {
            var diagnostics = await page.DiagnosticsAsync();
            await page.DisposeAsync();
            throw new SdkAdapterException($"start() failed: {started.Error} {diagnostics}");
        }
        Assert.Equal(sessionId, started.Value.GetProperty("sessionId").GetString());
        await page.WaitForEventAsync("session.stream_ready", ReadyTimeout);
        return (page, sessionId);
    }

    [Fact]
    public async Task start_resolves_CONNECTED_with_both_participants_and_the_video_decodes_at_the_qualitys_size()
    {
        var (page, sessionId) = await StartedAsync(kit, FullBody("low"));
        await using var _ = page;
        var stats = await page.StatsAsync();
        Assert.Equal("CONNECTED", stats.GetProperty("state").GetString());
        var identities = stats.GetProperty("participants").EnumerateArray().Select(p => p.GetString()).Order().ToList();
        Assert.Equal(["heygen", "liveavatar-agent-" + sessionId], identities);
        var states = (await page.EventsAsync()).Where(e => e.Name == "session.state_changed").Select(e => e.Detail.GetString()).ToList();
        Assert.Equal(["CONNECTING", "CONNECTED"], states);

        var sw = Stopwatch.StartNew();
        while ((await page.StatsAsync()).GetProperty("videoWidth").GetInt32() == 0 && sw.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        stats = await page.StatsAsync();
        Assert.Equal((640, 360), (stats.GetProperty("videoWidth").GetInt32(), stats.GetProperty("videoHeight").GetInt32()));
        var before = stats.GetProperty("frames").GetInt32();
        await Task.Delay(2000);
        var after = (await page.StatsAsync()).GetProperty("frames").GetInt32();
        output.WriteLine($"{after - before} frames painted in 2 s at 640x360");
        Assert.True(after - before >= 20, $"only {after - before} frames painted in 2 s");
    }

    [Theory]
    [InlineData("repeat", "Hello from the emulator, this is LiveAvatar.", "Hello from the emulator, this is LiveAvatar.")]
    [InlineData("message", "what time is it", "You said: what time is it")]
    public async Task A_spoken_command_gives_transcription_speak_started_chunks_speak_ended_with_its_id_and_audible_speech(string method, string text, string spoken)
    {
        var (page, sessionId) = await StartedAsync(kit, FullBody());
        await using var _ = page;
        var from = (await page.EventsAsync()).Count;
        var energyBefore = await EnergyAsync(page);

        var call = method == "repeat" ? await page.RepeatAsync(text) : await page.MessageAsync(text);
        var eventId = call.EnsureOk(method).Value.GetString()!;
        await page.WaitForEventAsync("avatar.speak_ended", TimeSpan.FromSeconds(30), from, e => Source(e) == eventId);
        var energyAfter = await EnergyAsync(page);

        var turn = (await page.EventsAsync()).Skip(from).Where(e => e.Name.StartsWith("avatar.", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{method}: " + string.Join(", ", turn.Select(e => $"{e.Name}@{e.T:0}")));
        Assert.All(turn, e => Assert.Equal(eventId, Source(e)));
        Assert.All(turn, e => Assert.Equal(sessionId, e.Detail.GetProperty("session_id").GetString()));
        Assert.Equal(turn.Count, turn.Select(e => e.Detail.GetProperty("event_id").GetString()).Distinct().Count());
        Assert.Equal(["avatar.transcription", "avatar.speak_started"], turn.Take(2).Select(e => e.Name));
        Assert.Equal("avatar.speak_ended", turn[^1].Name);
        var chunks = turn.Skip(2).SkipLast(1).ToList();
        Assert.All(chunks, e => Assert.Equal("avatar.transcription.chunk", e.Name));
        Assert.Equal(spoken, turn[0].Detail.GetProperty("text").GetString());
        // Incremental chunks, one a word with its trailing space: the app appends them (DEMO context.tsx L159).
        Assert.Equal(spoken.Split(' ').Length, chunks.Count);
        Assert.Equal(spoken, string.Concat(chunks.Select(e => e.Detail.GetProperty("text").GetString())).TrimEnd());

        output.WriteLine($"{method}: inbound audio energy rose by {energyAfter - energyBefore:0.000}");
        Assert.True(energyAfter - energyBefore > 0.01, $"the avatar's speech was not heard (energy {energyBefore} → {energyAfter})");
        var transcript = await kit.LiveAvatarGetAsync($"/v1/sessions/{sessionId}/transcript");
        Assert.Contains(transcript["data"]!["transcript_data"]!.AsArray(), l => l!["role"]!.GetValue<string>() == "avatar" && l["transcript"]!.GetValue<string>() == spoken);
    }

    [Fact]
    public async Task interrupt_cuts_a_long_speech_short_and_speak_ended_follows_soon()
    {
        var (page, _) = await StartedAsync(kit, FullBody());
        await using var __ = page;
        var text = string.Join(" ", Enumerable.Repeat("this is a very long answer that goes on and on about nothing at all", 8));
        var from = (await page.EventsAsync()).Count;
        var eventId = (await page.RepeatAsync(text)).EnsureOk("repeat").Value.GetString()!;
        var started = await page.WaitForEventAsync("avatar.speak_started", TimeSpan.FromSeconds(15), from, e => Source(e) == eventId);
        await Task.Delay(1000);

        var at = await page.Page.EvaluateAsync<double>("() => la.now()");
        (await page.InterruptAsync()).EnsureOk("interrupt");
        var ended = await page.WaitForEventAsync("avatar.speak_ended", TimeSpan.FromSeconds(5), from, e => Source(e) == eventId);

        var chunks = (await page.EventsAsync()).Skip(from).Count(e => e.Name == "avatar.transcription.chunk" && Source(e) == eventId);
        output.WriteLine($"interrupt: speak_ended {ended.T - at:0} ms after interrupt(); {chunks} of {text.Split(' ').Length} words spoken; spoke {ended.T - started.T:0} ms");
        Assert.True(ended.T - at < 1000, $"speak_ended came {ended.T - at:0} ms after interrupt()");
        Assert.True(chunks < text.Split(' ').Length / 2, $"{chunks} words were spoken: the speech was not cut");
    }

    [Fact]
    public async Task stop_ends_DISCONNECTED_CLIENT_INITIATED_and_the_session_is_historic_with_USER_CLOSED()
    {
        var (page, sessionId) = await StartedAsync(kit, FullBody());
        await using var _ = page;
        (await page.StopAsync()).EnsureOk("stop");
        var disconnected = await page.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));
        Assert.Equal("CLIENT_INITIATED", disconnected.Detail.GetString());
        Assert.Equal("DISCONNECTED", (await page.StatsAsync()).GetProperty("state").GetString());

        // The SDK's cleanup fires POST /v1/sessions/stop without awaiting it (L1287): give it its round trip.
        var sw = Stopwatch.StartNew();
        JsonElement? entry = null;
        while (entry is null && sw.Elapsed < TimeSpan.FromSeconds(5))
        {
            var historic = await kit.LiveAvatarGetAsync("/v1/sessions?type=historic&page_size=100");
            var found = historic["data"]!["results"]!.AsArray().FirstOrDefault(s => s!["id"]!.GetValue<string>() == sessionId);
            if (found is not null) entry = JsonDocument.Parse(found.ToJsonString()).RootElement;
            else await Task.Delay(100);
        }
        Assert.True(entry.HasValue, "the session never became historic");
        Assert.Equal("USER_CLOSED", entry.Value.GetProperty("end_reason").GetString());
        Assert.Equal("FULL", entry.Value.GetProperty("mode").GetString());
        var stops = (await page.Page.EvaluateAsync<JsonElement>("() => la.requests")).EnumerateArray()
            .Where(r => r.GetProperty("url").GetString()!.EndsWith("/v1/sessions/stop", StringComparison.Ordinal)).ToList();
        Assert.Single(stops);
        Assert.Equal(200, stops[0].GetProperty("status").GetInt32());
        Assert.Empty(await page.PageErrorsAsync());
    }

    /// <summary>
    /// <c>voiceChat: true</c>: the SDK publishes the microphone (a fake one saying <see cref="SpokenWav.Words"/>) on its
    /// publisher connection after connect (L1234-1247); the emulator's VAD bounds the utterance, a queued transcript
    /// gives its words, and the agent answers with the deterministic reply.
    /// </summary>
    [Fact]
    public async Task With_voiceChat_the_microphone_gives_the_user_turn_then_the_avatars_spoken_reply()
    {
        const string said = "what is the weather like today";
        var (token, sessionId) = await kit.LiveAvatarTokenAsync(FullBody());
        await using var page = await kit.OpenLiveAvatarWithMicrophoneAsync();
        (await page.StartAsync(token, kit.EmulatorUrl, voiceChat: true)).EnsureOk("start");
        await kit.QueueTranscriptAsync(sessionId, said);
        await page.WaitForEventAsync("session.stream_ready", ReadyTimeout);

        var reply = await page.WaitForEventAsync("avatar.transcription", TimeSpan.FromSeconds(30), where: e => e.Detail.GetProperty("text").GetString() == "You said: " + said);
        await page.WaitForEventAsync("avatar.speak_ended", TimeSpan.FromSeconds(30), where: e => e.T >= reply.T);

        var events = (await page.EventsAsync()).Where(e => e.Name.StartsWith("user.", StringComparison.Ordinal) || e.Name.StartsWith("avatar.", StringComparison.Ordinal)).ToList();
        output.WriteLine("voice turn: " + string.Join(", ", events.Select(e => $"{e.Name}@{e.T:0}")));
        var order = events.Select(e => e.Name).Distinct().ToList();
        Assert.Equal(["user.speak_started", "user.transcription.chunk", "user.speak_ended", "user.transcription",
            "avatar.transcription", "avatar.speak_started", "avatar.transcription.chunk", "avatar.speak_ended"], order);
        Assert.Equal(said, events.Single(e => e.Name == "user.transcription").Detail.GetProperty("text").GetString());
        // Cumulative user chunks: each the phrase so far (DEMO context.tsx L141).
        Assert.Equal(said, events.Last(e => e.Name == "user.transcription.chunk").Detail.GetProperty("text").GetString());
        Assert.All(events, e => Assert.Equal(sessionId, e.Detail.GetProperty("session_id").GetString()));
    }

    internal static string? Source(SdkEvent e) =>
        e.Detail.ValueKind == JsonValueKind.Object && e.Detail.TryGetProperty("source_event_id", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

    internal static async Task<double> EnergyAsync(LiveAvatarPage page, string session = "main") =>
        (await page.StatsAsync(session)).GetProperty("audioEnergy").GetDouble();
}
