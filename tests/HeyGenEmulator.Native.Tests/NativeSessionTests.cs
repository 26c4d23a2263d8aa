using System.Text.Json.Nodes;

namespace HeyGenEmulator.Native.Tests;

/// <summary>
/// A whole v2 session driven by LiveKit's native SDK (<c>clients/livekit-native/session.mjs</c>): every step the issue
/// lists, and a journal with nothing refused on the LiveKit path but the <c>/rtc/v1</c> refusal the client falls back from.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class NativeSessionTests(NativeEmulator emulator, ITestOutputHelper output)
{
    private static readonly string[] TalkEvents = ["avatar_start_talking", "avatar_talking_message", "avatar_end_message", "avatar_stop_talking"];

    [Fact]
    public async Task Native_client_runs_a_whole_session()
    {
        var run = await NodeScript.RunAsync("session.mjs", output, TimeSpan.FromSeconds(90), emulator.BaseUrl, NativeEmulator.ApiKey, "low");
        var sessionId = (string)run.Single("new")["session_id"]!;
        var journal = await emulator.JournalAsync(sessionId);
        foreach (var e in journal.Where(e => (string?)e!["kind"] == "livekit")) output.WriteLine(e!.ToJsonString());

        Assert.Equal(0, run.ExitCode);
        // The path rtc-node takes: /rtc/v1 (single peer connection) first, refused with 404, then /rtc at protocol 17.
        var steps = journal.Select(Step).ToList();
        Assert.True(steps.IndexOf("v1_refused") is >= 0 and var v1 && v1 < steps.IndexOf("joined"), string.Join(", ", steps));
        Assert.StartsWith("/rtc/v1?join_request=", (string?)journal.First(e => Step(e) == "v1_refused")!["path"]);
        var joinedPath = (string)journal.First(e => Step(e) == "joined")!["path"]!;
        Assert.StartsWith("/rtc?", joinedPath);
        Assert.Contains("protocol=17", joinedPath);
        Assert.Contains("heygen", run.Single("joined")["participants"]!.AsArray().Select(p => (string?)p));
        Assert.Equal((640, 360), ((int)run.Single("video")["width"]!, (int)run.Single("video")["height"]!));
        Assert.Equal(48000, (int)run.Single("audio")["sample_rate"]!);

        var events = run.OfKind("event").ToList();
        Assert.All(events, e => Assert.Equal("heygen", (string?)e["from"]));

        // The REST task: its four events, in order, with REST's task_id.
        var taskId = (string?)run.Single("task")["task_id"];
        Assert.False(string.IsNullOrEmpty(taskId));
        Assert.Equal(TalkEvents, Distinct(events.Where(e => (string?)e["task_id"] == taskId).Select(e => (string)e["type"]!)));

        // The data message: a talk task of its own (another task_id) whose four events arrive, and the journal has it.
        var dataSent = run.Single("data_sent")["t"]!.GetValue<double>();
        var afterData = events.Where(e => e["t"]!.GetValue<double>() > dataSent && (string?)e["task_id"] is { } id && id != taskId).ToList();
        Assert.NotEmpty(afterData);
        var dataTaskId = (string)afterData[0]["task_id"]!;
        Assert.Equal(TalkEvents, Distinct(afterData.Where(e => (string?)e["task_id"] == dataTaskId).Select(e => (string)e["type"]!)));
        Assert.Contains(journal, e => Step(e) == "data_in" && ((string?)e!["request"]?["payload"])?.Contains("What is the weather like?", StringComparison.Ordinal) == true);

        // The microphone: published (track_published, the publisher offer answered), and the VAD heard the tone:
        // user_start then user_stop (events of the chat sockets, so read from the journal).
        Assert.StartsWith("TR_", (string?)run.Single("mic_published")["sid"]);
        Assert.Contains(journal, e => Step(e) == "track_published");
        Assert.Contains(journal, e => Step(e) == "publisher_answer");
        var user = journal.Where(e => Step(e) == "event_out").Select(e => (string?)e!["request"]!["event_type"]).Where(t => t is "user_start" or "user_stop");
        Assert.Equal(["user_start", "user_stop"], user);

        // streaming.stop: leave with ROOM_DELETED (5).
        Assert.Equal(200, (int)run.Single("stop")["status"]!);
        Assert.Equal(5, (int)run.Single("disconnected")["reason"]!);

        // Nothing refused: the one 4xx on the LiveKit path is /rtc/v1, which the client falls back from.
        var refused = journal.Where(e => (string?)e!["kind"] == "livekit" && (int)e!["status"]! >= 400).ToList();
        Assert.True(refused.All(e => Step(e) == "v1_refused"), "refused: " + string.Join("\n", refused.Select(e => e!.ToJsonString())));
        Assert.Contains(journal, e => Step(e) == "answer" && (int)e!["status"]! == 101);
    }

    private static string? Step(JsonNode? entry) => (string?)entry?["request"]?["step"];

    /// <summary>The event types in order, each once (avatar_talking_message repeats per chunk).</summary>
    private static List<string> Distinct(IEnumerable<string> types) => types.Distinct().ToList();
}
