using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// The remaining browser proofs of livekit-subset.md §5: S2 negative (no msid, no stream_ready), S5 (idle but for
/// pings stays connected), S6 (hidden video keeps flowing), S10 (socket lost without leave after the session ended:
/// stream_disconnected because the resume is refused) and SDK 2.1.0's connection quality.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class SdkRobustnessTests(SdkKit kit, ITestOutputHelper output)
{
    private const string Avatar = "Wayne_20240711";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private async Task<SdkPage> StartedAsync(string version, SdkPageOptions? options = null)
    {
        var page = await kit.OpenAsync(version, options);
        var result = await page.StartAsync(new Dictionary<string, object?> { ["avatarName"] = Avatar, ["quality"] = "low" });
        if (!result.Ok)
        {
            var diagnostics = await page.DiagnosticsAsync();
            await page.DisposeAsync();
            result.EnsureOk($"SDK {version} createStartAvatar ({diagnostics})");
        }
        return page;
    }

    private static string Step(JsonNode? e) => e?["request"]?["step"]?.GetValue<string>() ?? "";

    /// <summary>
    /// S2 negative (pitfall 1): on an emulator with <c>Emulator:LiveKit:Msid=false</c> the subscriber connection comes up
    /// and media arrives, but livekit-client cannot tie the tracks to the avatar's publications, so the SDK never
    /// emits stream_ready. Keeps the msid munging from being "simplified away".
    /// </summary>
    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Without_msid_the_SDK_never_gets_stream_ready(string version)
    {
        var url = await kit.EmulatorWithAsync("Emulator:LiveKit:Msid=false");
        await using var page = await StartedAsync(version, new SdkPageOptions { EmulatorUrl = url });

        await page.AssertNoEventAsync("stream_ready", TimeSpan.FromSeconds(5));

        // Not a broken connection: the offer really went without msid and the subscriber connected.
        var journal = (await kit.JournalAsync(page.SessionId, url)).ToList();
        var offer = journal.Single(e => Step(e) == "offer")!;
        Assert.False(offer["request"]!["msid"]!.GetValue<bool>());
        Assert.Contains(journal, e => Step(e) == "connected" && e!["request"]!["target"]!.GetValue<string>() == "subscriber");
        Assert.DoesNotContain(await page.EventsAsync(), e => e.Name == "stream_disconnected");
        output.WriteLine($"SDK {version}, msid off: createStartAvatar resolved, no stream_ready in 5 s; events: {string.Join(", ", (await page.EventsAsync()).Select(e => e.Name))}");
    }

    /// <summary>
    /// S6 (pitfall 9): with the &lt;video&gt; hidden (display:none) the avatar's video keeps arriving and decoding.
    /// The video is fed through livekit-client's <c>track.attach</c>, so adaptive stream sees it hidden and asks the
    /// server to pause the track (<c>track_setting{disabled:true}</c>, journaled); the emulator must not honour it.
    /// (Fed from the SDK's stream_ready MediaStream, as apps do, the client never sends track_setting at all.)
    /// </summary>
    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Hidden_video_keeps_flowing_although_adaptive_stream_asks_to_pause_it(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var trackSid = await page.Page.EvaluateAsync<string?>("() => kit.attachVideoToRoom()");
        Assert.NotNull(trackSid);
        var deadline = Stopwatch.StartNew();
        while ((await page.VideoSizeAsync()).Width == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);

        await page.SetVideoHiddenAsync(true);
        var t0 = Stopwatch.StartNew();
        JsonNode? pause = null;
        while (pause is null && t0.Elapsed < TimeSpan.FromSeconds(10))
        {
            pause = (await kit.JournalAsync(page.SessionId)).LastOrDefault(e => Step(e) == "track_setting" && e!["request"]!["disabled"]!.GetValue<bool>());
            if (pause is null) await Task.Delay(50);
        }
        var pausedAfter = t0.ElapsedMilliseconds;
        var before = (await page.InboundVideoAsync()) ?? throw new Xunit.Sdk.XunitException("no inbound video receiver: " + await page.DiagnosticsAsync());
        var framesBefore = await page.FramesDecodedAsync();
        await Task.Delay(3000);
        var after = (await page.InboundVideoAsync())!.Value;
        var framesAfter = await page.FramesDecodedAsync();

        var decoded = after.GetProperty("framesDecoded").GetInt64() - before.GetProperty("framesDecoded").GetInt64();
        var bytes = after.GetProperty("bytesReceived").GetInt64() - before.GetProperty("bytesReceived").GetInt64();
        var settings = (await kit.JournalAsync(page.SessionId)).Where(e => Step(e) == "track_setting").Select(e => e!["request"]!);
        output.WriteLine($"SDK {version}, video hidden: track_setting disabled=true {pausedAfter} ms after hiding; then {decoded} frames decoded " +
                         $"({bytes} bytes) in 3 s, <video> totalVideoFrames +{framesAfter - framesBefore}; all track_setting: " +
                         string.Join(", ", settings.Select(s => $"{{disabled={s["disabled"]}, {s["width"]}x{s["height"]}}}")));
        Assert.True(pause is not null, "adaptive stream never asked to pause the hidden video: " + await page.DiagnosticsAsync());
        Assert.Equal(trackSid, pause!["request"]!["track_sids"]![0]!.GetValue<string>());
        Assert.True(decoded >= 30, $"only {decoded} frames decoded in 3 s with the video hidden (paused?)");
        Assert.True(bytes > 0);
    }

    /// <summary>
    /// S10 (pitfall 7's other half): the session ends and its signal socket dies with no <c>leave</c> (admin
    /// drop_signal with end_session). livekit-client tries to resume, the emulator refuses (404: room gone), and the
    /// SDK emits stream_disconnected within 2 s.
    /// </summary>
    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Signal_lost_without_leave_after_the_session_ended_gives_stream_disconnected_within_2_s(string version)
    {
        await using var page = await StartedAsync(version);
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        var from = (await page.EventsAsync()).Count;

        var t0 = await page.NowAsync();
        var dropped = await kit.DropSignalAsync(page.SessionId!, endSession: true);
        Assert.True(dropped["dropped"]!.GetValue<bool>(), dropped.ToJsonString());
        Assert.True(dropped["session_ended"]!.GetValue<bool>(), dropped.ToJsonString());
        var disconnected = await page.WaitForEventAsync("stream_disconnected", TimeSpan.FromSeconds(3), from);
        var elapsed = disconnected.T - t0;

        var journal = (await kit.JournalAsync(page.SessionId)).ToList();
        var dropAt = journal.FindIndex(e => Step(e) == "dropped");
        var after = journal.Skip(dropAt + 1).ToList();
        output.WriteLine($"SDK {version}: stream_disconnected (detail {disconnected.Detail}) {elapsed:0} ms after drop_signal; " +
                         $"then: {string.Join(", ", after.Select(e => $"{Step(e)} {e!["status"]} {e["path"]}"))}");
        Assert.True(dropAt >= 0, "no 'dropped' in the journal");
        Assert.DoesNotContain(journal, e => Step(e) == "leave" && e!["request"]!["from"]!.GetValue<string>() == "server");
        // The client did try to come back, and was refused because the room is gone.
        Assert.Contains(after, e => e!["status"]!.GetValue<int>() == 404 && (Step(e) == "refused" || Step(e) == "validate"));
        Assert.True(elapsed <= 2000, $"stream_disconnected {elapsed:0} ms after the socket was dropped");
        // Pitfall 7: without a leave the SDK learns no reason (a stop with leave gives 5, ROOM_DELETED).
        Assert.Equal(JsonValueKind.Null, disconnected.Detail.ValueKind);
    }

    /// <summary>
    /// SDK 2.1.0 starts a connection-quality indicator over LiveKit's state and over
    /// <c>room.engine.pcManager.subscriber._pc</c>'s stats: it must reach "GOOD" within ~5 s without a page error.
    /// </summary>
    [Fact]
    public async Task SDK_210_reports_connection_quality_GOOD_within_5_s_without_page_errors()
    {
        await using var page = await StartedAsync(SdkVersions.V210);
        var settled = (await page.MarksAsync()).GetProperty("startSettled").GetDouble();

        var good = await WaitForQualityAsync(page, "GOOD", TimeSpan.FromSeconds(6));
        var after = good.T - settled;
        var qualities = (await page.EventsAsync()).Where(e => e.Name == "connection_quality_changed").Select(e => $"{e.Detail}@{e.T - settled:0}");
        output.WriteLine($"SDK 2.1.0: connection_quality_changed GOOD {after:0} ms after createStartAvatar resolved ({string.Join(", ", qualities)})");
        Assert.True(after <= 5000, $"GOOD only {after:0} ms after createStartAvatar resolved");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => kit.avatar.room.engine.pcManager.subscriber._pc instanceof RTCPeerConnection"));
        Assert.Equal("GOOD", await page.Page.EvaluateAsync<string>("() => kit.avatar.connectionQuality"));
        Assert.Empty(await page.PageErrorsAsync());
    }

    private static async Task<SdkEvent> WaitForQualityAsync(SdkPage page, string quality, TimeSpan timeout)
    {
        try
        {
            await page.Page.WaitForFunctionAsync("q => kit.events.some(e => e.name === 'connection_quality_changed' && e.detail === q)", quality,
                new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 20 });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"no connection_quality_changed {quality} within {timeout.TotalSeconds:0} s. {await page.DiagnosticsAsync()}");
        }
        return (await page.EventsAsync()).First(e => e.Name == "connection_quality_changed" && e.Detail.ValueKind == JsonValueKind.String && e.Detail.GetString() == quality);
    }

    /// <summary>
    /// S5: both SDK versions side by side, idle for 17 s of real time (no API call, only the client's pings) with the
    /// server's ping values (5 s / 15 s timeout, which the client adopts): still connected, never reconnected, video
    /// still playing. Without pongs livekit-client would drop the socket at 15 s.
    /// </summary>
    [Fact]
    public async Task Idle_session_stays_connected_past_the_ping_timeout_on_both_SDK_versions()
    {
        var pages = new List<SdkPage>();
        try
        {
            foreach (var version in new[] { SdkVersions.V208, SdkVersions.V210 })
            {
                var page = await StartedAsync(version);
                pages.Add(page);
                await page.WaitForEventAsync("stream_ready", ReadyTimeout);
                await page.Page.EvaluateAsync("""
                    () => { kit.roomLog = []; for (const ev of ['reconnecting', 'signalReconnecting', 'reconnected', 'disconnected'])
                              kit.avatar.room.on(ev, () => kit.roomLog.push(ev)); }
                    """);
                var ping = await page.Page.EvaluateAsync<JsonElement>("() => ({ interval: kit.avatar.room.engine.client.pingIntervalDuration, timeout: kit.avatar.room.engine.client.pingTimeoutDuration })");
                Assert.Equal(5, ping.GetProperty("interval").GetInt32());
                Assert.Equal(15, ping.GetProperty("timeout").GetInt32());
            }
            var framesBefore = new List<int>();
            foreach (var page in pages) framesBefore.Add(await page.FramesDecodedAsync());

            await Task.Delay(TimeSpan.FromSeconds(17));

            for (var i = 0; i < pages.Count; i++)
            {
                var page = pages[i];
                var roomLog = await page.Page.EvaluateAsync<string[]>("() => kit.roomLog");
                var state = await page.Page.EvaluateAsync<string>("() => kit.avatar.room.state");
                var frames = await page.FramesDecodedAsync();
                var journal = (await kit.JournalAsync(page.SessionId)).ToList();
                var session = (await kit.SessionsAsync()).Single(s => s!["session_id"]!.GetValue<string>() == page.SessionId)!;
                output.WriteLine($"SDK {page.Version}: after 17 s idle: room {state}, room events [{string.Join(", ", roomLog)}], +{frames - framesBefore[i]} frames, " +
                                 $"session {session["state"]}");
                Assert.Equal("connected", state);
                Assert.Empty(roomLog);
                Assert.DoesNotContain(await page.EventsAsync(), e => e.Name == "stream_disconnected");
                Assert.Single(journal, e => Step(e) == "joined");
                Assert.DoesNotContain(journal, e => Step(e) == "closed");
                Assert.Equal("connected", session["state"]!.GetValue<string>());
                Assert.True(frames - framesBefore[i] > 100, $"SDK {page.Version}: video stalled while idle (+{frames - framesBefore[i]} frames)");
            }
        }
        finally
        {
            foreach (var page in pages) await page.DisposeAsync();
        }
    }
}
