using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.LiveKit.Pipecat;
using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>Real espeak-ng and ffmpeg, two syntheses at a time, no avatar clips prepared (so every process is speech).</summary>
public sealed class SpeechBoundsEmulator : LiveKitEmulator
{
    public const int Concurrency = 2;

    protected override void Configure(EmulatorHostOptions options)
    {
        options.Media = true;
        options.Settings["Emulator:Media:PrepareAtStartup"] = "false";
        options.Settings["Emulator:Media:SpeechConcurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Not run beside other classes: it counts the test process's espeak-ng/ffmpeg children.</summary>
[CollectionDefinition(nameof(SpeechBoundsCollection), DisableParallelization = true)]
public sealed class SpeechBoundsCollection : ICollectionFixture<SpeechBoundsEmulator>;

/// <summary>Issue 9: task text, synthesis concurrency and speech lifetimes are bounded.</summary>
[Collection(nameof(SpeechBoundsCollection))]
public sealed class SpeechBoundsTests(SpeechBoundsEmulator emu)
{
    private SpeechSynthesizer Synthesizer => emu.Services.GetRequiredService<SpeechSynthesizer>();
    private MediaTools Tools => emu.Services.GetRequiredService<MediaTools>();

    [Fact]
    public async Task A_task_with_a_MiB_of_text_is_refused_at_once_with_HeyGens_400_and_starts_no_process()
    {
        var session = await StartedAsync();
        int before = Tools.ProcessesStarted;
        var body = new JsonObject { ["session_id"] = session.Id, ["text"] = new string('a', 1024 * 1024 - 100) };
        var watch = Stopwatch.StartNew();
        var response = await emu.Http.PostAsJsonAsync("v1/streaming.task", body);
        watch.Stop();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400175, json["code"]!.GetValue<int>());
        Assert.Contains("the limit is 5000", json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"answered in {watch.Elapsed}");
        await AssertNothingSynthesisedAsync(before, session.Id);
    }

    [Fact]
    public async Task Over_long_chat_text_is_journaled_as_refused_and_never_synthesised()
    {
        var session = await StartedAsync();
        using var ws = await ChatAsync(session.Id);
        int before = Tools.ProcessesStarted;
        await SendTextAsync(ws, new string('b', 5001));
        await Poll.Until(() => emu.Journal(session.Id, LiveKitJournal.ChatKind).Any(e => LiveKitEmulator.Step(e) == "task_refused"), "task_refused");
        var refused = emu.Journal(session.Id, LiveKitJournal.ChatKind).First(e => LiveKitEmulator.Step(e) == "task_refused");
        Assert.Equal(400, refused.Status);
        Assert.Contains("5001 characters long; the limit is 5000", refused.Request!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingSynthesisedAsync(before, session.Id);
    }

    [Fact]
    public async Task A_hundred_chat_texts_never_run_more_syntheses_than_the_cap_and_stopping_the_session_kills_them()
    {
        var session = await StartedAsync();
        using var ws = await ChatAsync(session.Id);
        for (int i = 0; i < 100; i++) await SendTextAsync(ws, $"number {i} of a hundred short sentences from the chat socket");
        var s = emu.Services.GetRequiredService<SessionManager>().FindAny(session.Id)!;
        await Poll.Until(() => s.TaskSnapshot().Count >= 3, "several tasks spoken while the rest wait", TimeSpan.FromSeconds(60));
        Assert.Equal(SpeechBoundsEmulator.Concurrency, Synthesizer.PeakRunning);
        Assert.True(SpeechChildren().Count <= SpeechBoundsEmulator.Concurrency, string.Join(", ", SpeechChildren()));

        await emu.StopAsync(session.Id);
        var stopped = Stopwatch.StartNew();
        await Poll.Until(() => Synthesizer.Running == 0 && SpeechChildren().Count == 0,
            "no synthesis running and no espeak-ng/ffmpeg child after stop", TimeSpan.FromSeconds(2));
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(2));
        Assert.True(s.TaskSnapshot().Count < 100, "the queued texts were dropped, not synthesised");
        Assert.Equal(SpeechBoundsEmulator.Concurrency, Synthesizer.PeakRunning);
    }

    private async Task<LiveKitEmulator.NewSession> StartedAsync()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        return session;
    }

    /// <summary>Nothing was synthesised for the refused text: no process started since <paramref name="before"/>.</summary>
    private async Task AssertNothingSynthesisedAsync(int before, string sessionId)
    {
        Assert.Equal(before, Tools.ProcessesStarted);
        await emu.StopAsync(sessionId);
    }

    private async Task<ClientWebSocket> ChatAsync(string sessionId)
    {
        var (ws, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id={sessionId}&session_token={LiveKitEmulator.Key}");
        Assert.True(ws is not null, $"chat refused with {status}");
        return ws!;
    }

    private static Task SendTextAsync(ClientWebSocket ws, string text) =>
        ws.SendAsync(new Frame { Text = new TextFrame { Text = text } }.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>espeak-ng and ffmpeg processes whose parent is this test process (the emulator runs in it).</summary>
    /// <summary>
    /// Speech's ffmpeg encodes Opus; other emulators in this test process may be encoding avatar clips (VP8/H.264) with
    /// ffmpeg at the same time on a fresh cache, and those are not this test's subject.
    /// </summary>
    private static bool EncodesSpeech(string procDir)
    {
        try { return File.ReadAllText(Path.Combine(procDir, "cmdline")).Contains("libopus", StringComparison.Ordinal); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static List<string> SpeechChildren()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            int open = stat.IndexOf('(', StringComparison.Ordinal), close = stat.LastIndexOf(')');
            if (open < 0 || close < open) continue;
            var comm = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && (comm == "espeak-ng" || (comm == "ffmpeg" && EncodesSpeech(dir))))
                found.Add($"{comm} {Path.GetFileName(dir)} {fields[0]}");
        }
        return found;
    }
}

/// <summary>Speech queued past the session's 600 s limit is refused (media off: speech timed by the estimate).</summary>
public sealed class SpeechPastSessionLimitTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    [Fact]
    public async Task A_task_whose_speech_would_end_after_the_duration_limit_is_refused_with_400175()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        var text = string.Concat(Enumerable.Repeat("word ", 900)); // about 309 s of speech, under the length limit
        var first = await emu.PostAsync("v1/streaming.task", new JsonObject { ["session_id"] = session.Id, ["text"] = text, ["task_mode"] = "async" });
        Assert.True(first["data"]!["duration_ms"]!.GetValue<double>() > 300_000);
        var second = await emu.PostAsync("v1/streaming.task", new JsonObject { ["session_id"] = session.Id, ["text"] = text, ["task_mode"] = "async" }, HttpStatusCode.BadRequest);
        Assert.Equal(400175, second["code"]!.GetValue<int>());
        Assert.Contains("600 s duration limit", second["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await emu.StopAsync(session.Id);
    }
}
