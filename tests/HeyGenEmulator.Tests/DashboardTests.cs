using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGenEmulator.Admin;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Tests;

/// <summary>
/// <c>/_emulator/ui</c> and the admin JSON it draws: the page is guarded like the admin API, <c>/_emulator/sessions</c>
/// has exactly the documented fields, and the preview follows the session's talking state on the emulator clock.
/// </summary>
public sealed class DashboardTests
{
    private const string Key = "dashboard-key";
    private const string Token = "dashboard-admin-token";

    private static Task<EmulatorHost> StartAsync(string? adminToken = null) => EmulatorHost.StartAsync(o =>
    {
        o.Media = false;
        o.ApiKeys.Add($"{Key}:paid");
        if (adminToken is not null) o.Settings["Emulator:AdminToken"] = adminToken;
    });

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient http, string path, Action<HttpRequestMessage>? setup = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        setup?.Invoke(request);
        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task The_page_is_served_offline_with_its_script_inlined_under_a_nonce()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var (status, html, response) = await GetAsync(http, "_emulator/ui");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{nonce}\">'use strict';", html, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        // Nothing fetched from elsewhere: no external script, stylesheet or image.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("/*SCRIPT*/", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        response.Dispose();
    }

    [Fact]
    public async Task The_journal_gives_a_poller_only_the_newest_entries_after_the_ones_it_has()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        for (int i = 0; i < 5; i++) await http.GetAsync($"v1/streaming.list?n={i}");
        var all = JsonNode.Parse((await GetAsync(http, "_emulator/journal")).Body)!.AsArray();
        var ids = all.Select(e => e!["id"]!.GetValue<long>()).ToList();
        Assert.True(ids.Count >= 5, string.Join(",", ids));

        var after = JsonNode.Parse((await GetAsync(http, $"_emulator/journal?since={ids[^5]}")).Body)!.AsArray();
        Assert.Equal(ids[^4..], after.Select(e => e!["id"]!.GetValue<long>()));
        var newestTwo = JsonNode.Parse((await GetAsync(http, $"_emulator/journal?since={ids[^5]}&limit=2")).Body)!.AsArray();
        Assert.Equal(ids[^2..], newestTwo.Select(e => e!["id"]!.GetValue<long>()));
        Assert.Empty(JsonNode.Parse((await GetAsync(http, $"_emulator/journal?since={ids[^1]}")).Body)!.AsArray());
    }

    [Fact]
    public async Task A_foreign_Host_is_refused_with_40003()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var (status, body, response) = await GetAsync(http, "_emulator/ui", r => r.Headers.Host = "evil.example");
        response.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var error = JsonNode.Parse(body)!;
        Assert.Equal(40003, error["code"]!.GetValue<int>());
        Assert.StartsWith("Host 'evil.example' is not allowed", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_admin_token_the_page_needs_it_once_in_the_query_and_nothing_else_takes_it_there()
    {
        await using var host = await StartAsync(Token);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var (without, body, r1) = await GetAsync(http, "_emulator/ui");
        r1.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, without);
        Assert.Equal(400112, JsonNode.Parse(body)!["code"]!.GetValue<int>());
        var (wrong, _, r2) = await GetAsync(http, "_emulator/ui?token=nope");
        r2.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        var (query, _, r3) = await GetAsync(http, $"_emulator/ui?token={Token}");
        r3.Dispose();
        Assert.Equal(HttpStatusCode.OK, query);
        var (header, _, r4) = await GetAsync(http, "_emulator/ui", r => r.Headers.Add(AdminTokenCheck.HeaderName, Token));
        r4.Dispose();
        Assert.Equal(HttpStatusCode.OK, header);

        // The query form is for opening the page in a browser; the API the page calls takes the header only.
        var (sessions, _, r5) = await GetAsync(http, $"_emulator/sessions?token={Token}");
        r5.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, sessions);
        var (preview, _, r6) = await GetAsync(http, $"_emulator/sessions/x/preview.png?token={Token}");
        r6.Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, preview);
    }

    [Fact]
    public async Task The_change_feed_answers_a_waiting_page_when_a_session_appears_the_clock_moves_or_the_journal_is_cleared()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var client = new HeyGenClient(host.BaseUrl, Key);
        async Task<JsonNode> Changes(long after, int waitMs) => JsonNode.Parse((await GetAsync(http, $"_emulator/changes?after={after}&wait_ms={waitMs}")).Body)!;

        var start = Changes(-1, 0);
        var version = (await start)["version"]!.GetValue<long>();
        var clears = (await start)["journal_clears"]!.GetValue<long>();

        // Nothing happens: the long poll holds for its wait and gives the same version back.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(version, (await Changes(version, 300))["version"]!.GetValue<long>());
        Assert.InRange(quiet.ElapsedMilliseconds, 250, 5000);

        // A session created while the page waits wakes it long before its 20 s wait is over.
        var waiting = Changes(version, 20_000);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        var created = await client.NewSessionAsync(new NewSessionRequest());
        var woke = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(version, woke["version"]!.GetValue<long>());
        version = woke["version"]!.GetValue<long>();
        Assert.Contains(created.SessionId, (await GetAsync(http, "_emulator/sessions")).Body, StringComparison.Ordinal);

        // Moving the clock (no API call, no journal entry) wakes it too.
        waiting = Changes(version, 20_000);
        await Task.Delay(100);
        (await http.PostAsync("_emulator/clock/advance", new StringContent("{\"seconds\":1}", Encoding.UTF8, "application/json"))).Dispose();
        version = (await waiting.WaitAsync(TimeSpan.FromSeconds(5)))["version"]!.GetValue<long>();

        // A cleared journal is counted, so a page holding entries knows to fetch it whole.
        (await http.DeleteAsync("_emulator/journal")).Dispose();
        var cleared = await Changes(version, 0);
        Assert.Equal(clears + 1, cleared["journal_clears"]!.GetValue<long>());
        Assert.NotEqual(version, cleared["version"]!.GetValue<long>());

        // A version that is not a number is a 400, not a 500.
        var bad = await GetAsync(http, "_emulator/changes?after=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task Sessions_list_timers_tasks_peers_and_media_and_the_preview_follows_the_talking_state()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var client = new HeyGenClient(host.BaseUrl, Key);
        var created = await client.NewSessionAsync(new NewSessionRequest { ActivityIdleTimeout = 60 });
        await client.StartAsync(created.SessionId);

        var (_, idlePng, idleHeader) = await PreviewAsync(http, created.SessionId);
        Assert.Equal("idle", idleHeader);

        // The emulator's clock runs on in real time besides the advances: what passes from here comes off the countdown.
        var sinceTask = System.Diagnostics.Stopwatch.StartNew();
        var task = await client.SpeakAsync(created.SessionId, "Hello dashboard, this is a task long enough to be listed.", "repeat");
        var session = await SessionAsync(http, created.SessionId);
        Assert.Equal(
            ["session_id", "state", "api_key", "avatar_id", "voice_id", "version", "video_encoding", "quality", "created_at", "started_at",
             "closed_at", "close_reason", "last_activity_at", "idle_timeout_seconds", "idle_left_seconds", "duration_left_seconds", "talking",
             "talking_until", "listening", "tasks", "peers", "media"],
            session.Select(p => p.Key));
        Assert.Equal("connected", session["state"]!.GetValue<string>());
        Assert.Equal("v2", session["version"]!.GetValue<string>());
        Assert.DoesNotContain(Key, session["api_key"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("dash…", session["api_key"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(session["talking"]!.GetValue<bool>());
        Assert.InRange(session["idle_left_seconds"]!.GetValue<double>(), 59, 60 + task.DurationMs / 1000);
        Assert.InRange(session["duration_left_seconds"]!.GetValue<double>(), 500, 600);
        var listed = Assert.Single(session["tasks"]!.AsArray())!.AsObject();
        Assert.Equal(["task_id", "task_type", "text", "state", "starts_at", "ends_at", "duration_ms"], listed.Select(p => p.Key));
        Assert.Equal(task.TaskId, listed["task_id"]!.GetValue<string>());
        Assert.Equal("playing", listed["state"]!.GetValue<string>());
        Assert.Equal("repeat", listed["task_type"]!.GetValue<string>());
        Assert.Equal(task.DurationMs, listed["duration_ms"]!.GetValue<double>());
        Assert.Equal(["livekit_participants", "chat_sockets", "realtime_sockets"], session["peers"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["webrtc_peers", "packets_sent", "bytes_sent"], session["media"]!.AsObject().Select(p => p.Key));
        Assert.Equal(0, session["peers"]!["chat_sockets"]!.GetValue<int>());
        Assert.Equal(0, session["media"]!["packets_sent"]!.GetValue<long>()); // media is off here

        var (_, talkingPng, talkingHeader) = await PreviewAsync(http, created.SessionId);
        Assert.Equal("talking", talkingHeader);
        Assert.NotEqual(idlePng, talkingPng);

        await AdvanceAsync(http, task.DurationMs / 1000 + 0.1);
        session = await SessionAsync(http, created.SessionId);
        var realSeconds = sinceTask.Elapsed.TotalSeconds;
        Assert.False(session["talking"]!.GetValue<bool>());
        Assert.Equal("done", session["tasks"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("idle", (await PreviewAsync(http, created.SessionId)).Kind);
        // Counted again from the end of the speech: a full minute less what really passed (from its start, it would
        // also have lost the task's duration).
        Assert.InRange(session["idle_left_seconds"]!.GetValue<double>(), 59.9 - realSeconds, 60);

        await AdvanceAsync(http, 61);
        session = await SessionAsync(http, created.SessionId);
        Assert.Equal("closed", session["state"]!.GetValue<string>());
        Assert.Equal("idle_timeout", session["close_reason"]!.GetValue<string>());
        Assert.Null(session["idle_left_seconds"]);
        Assert.Null(session["duration_left_seconds"]);

        var (missing, body, r) = await GetAsync(http, "_emulator/sessions/no-such-session/preview.png");
        r.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(10006, JsonNode.Parse(body)!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Health_reports_the_clip_preparation_for_scripts_to_wait_on()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var (status, body, response) = await GetAsync(http, "_emulator/health");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        var health = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["status", "version", "preparing", "percent", "clip", "seconds_left"], health.Select(p => p.Key));
        Assert.False(health["preparing"]!.GetValue<bool>()); // media off: nothing to prepare
        Assert.Equal(100, health["percent"]!.GetValue<double>());
    }

    [Fact]
    public void Preparation_progress_spans_every_planned_clip_and_ends_with_the_last()
    {
        var preparation = new ClipPreparation(Microsoft.Extensions.Logging.Abstractions.NullLogger<ClipPreparation>.Instance);
        Assert.False(preparation.Status.Preparing);
        preparation.Plan("a", 8);
        preparation.Plan("b", 8);
        Assert.Equal(new PreparationStatus(true, 0, null, null), preparation.Status);
        preparation.Report("a", "Wayne High Vp8 idle", 4, 8);
        var status = preparation.Status;
        Assert.True(status.Preparing);
        Assert.Equal(25, status.Percent);
        Assert.Equal("Wayne High Vp8 idle", status.Clip);
        Assert.NotNull(status.SecondsLeft);
        preparation.Report("a", "Wayne High Vp8 idle", 3, 8); // ffmpeg never goes back; neither does the bar
        Assert.Equal(25, preparation.Status.Percent);
        preparation.Finished("a");
        Assert.Equal(50, preparation.Status.Percent);
        preparation.Finished("b");
        Assert.Equal(new PreparationStatus(false, 100, null, null), preparation.Status);
    }

    private static async Task<JsonObject> SessionAsync(HttpClient http, string id)
    {
        var (status, body, response) = await GetAsync(http, "_emulator/sessions");
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonNode.Parse(body)!.AsArray().Single(s => s!["session_id"]!.GetValue<string>() == id)!.AsObject();
    }

    private static async Task<(HttpStatusCode Status, byte[] Png, string Kind)> PreviewAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"_emulator/sessions/{id}/preview.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (response.StatusCode, png, response.Headers.GetValues("X-Emulator-Preview").Single());
    }

    private static async Task AdvanceAsync(HttpClient http, double seconds)
    {
        using var content = new StringContent($"{{\"seconds\":{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_emulator/clock/advance", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
