using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

using static ChatKit;

/// <summary>
/// Issue 15's voice turns without a browser: chat-socket audio (what SDK 2.0.8 streams) bounded by the VAD or by
/// push-to-talk, transcripts from the admin queue or the placeholder, the events on both wires, the reply task.
/// </summary>
public sealed class VoiceTurnTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    private async Task<JsonNode> AdminAsync(string sessionId, string action, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await emu.Http.PostAsync($"_emulator/sessions/{sessionId}/{action}", new StringContent(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{action}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task SpeakAsync(ClientWebSocket ws, int frames)
    {
        for (int i = 0; i < frames; i++) await ws.SendAsync(Tone(8000), WebSocketMessageType.Binary, true, CancellationToken.None);
        for (int i = 0; i < 30; i++) await ws.SendAsync(Tone(0), WebSocketMessageType.Binary, true, CancellationToken.None);
    }

    private static string Said(List<JsonObject> events, string turnId) => string.Concat(events
        .Where(e => e["type"]!.GetValue<string>() == "user_talking_message" && e["task_id"]!.GetValue<string>() == turnId)
        .Select(e => e["message"]!.GetValue<string>()));

    [Fact]
    public async Task Queued_transcripts_answer_the_next_utterances_in_order_then_the_placeholder_names_the_length()
    {
        var (session, client, peer) = await ConnectedAsync(emu);
        using var _ = client;
        using var ws = await ChatAsync(emu, session.Id, Uri.EscapeDataString(SessionToken(emu)));
        Assert.Equal(1, (await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = "first thing" }))["queued"]!.GetValue<int>());
        Assert.Equal(2, (await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = "second thing" }))["queued"]!.GetValue<int>());

        var turns = new List<string>();
        foreach (var frames in new[] { 10, 10, 10 })
        {
            await SpeakAsync(ws, frames); // 10 frames of 32 ms: 320 ms of tone
            Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
            Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
            await Poll.Until(() => Events(peer).Count(e => e["type"]!.GetValue<string>() == "user_end_message") > turns.Count, "user_end_message");
            turns.Add(Events(peer).Last(e => e["type"]!.GetValue<string>() == "user_end_message")["task_id"]!.GetValue<string>());
        }

        var events = Events(peer);
        Assert.Equal("first thing", Said(events, turns[0]));
        Assert.Equal("second thing", Said(events, turns[1]));
        Assert.Equal("(speech, 0.3 s)", Said(events, turns[2]));
        // Every user event precedes its user_end_message, and the reply task carries the turn's id.
        var s = emu.Services.GetRequiredService<SessionManager>().FindAny(session.Id)!;
        await Poll.Until(() => turns.All(id => s.TaskSnapshot().Any(t => t.TaskId == id)), "the replies");
        Assert.Equal(["You said: first thing", "You said: second thing", "You said: (speech, 0.3 s)"],
            turns.Select(id => s.TaskSnapshot().Single(t => t.TaskId == id).SpokenText));
        var voice = emu.Journal(session.Id).Where(e => LiveKitEmulator.Step(e) == "user_turn").Select(e => e.Request!["source"]!.GetValue<string>());
        Assert.Equal(["script", "script", "placeholder"], voice);
    }

    [Fact]
    public async Task Push_to_talk_mode_makes_start_and_stop_listening_bound_the_utterance()
    {
        var (session, client, peer) = await ConnectedAsync(emu);
        using var _ = client;
        using var ws = await ChatAsync(emu, session.Id, Uri.EscapeDataString(SessionToken(emu)), pushToTalk: true);
        await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = "pressed to talk" });

        await emu.PostAsync("v1/streaming.start_listening", new JsonObject { ["session_id"] = session.Id });
        Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        // Inside the window the VAD's own stop does not end the utterance.
        await SpeakAsync(ws, 10);
        await emu.PostAsync("v1/streaming.stop_listening", new JsonObject { ["session_id"] = session.Id });
        Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        await Poll.Until(() => Events(peer).Any(e => e["type"]!.GetValue<string>() == "user_end_message"), "user_end_message");
        var turnId = Events(peer).Single(e => e["type"]!.GetValue<string>() == "user_end_message")["task_id"]!.GetValue<string>();
        Assert.Equal("pressed to talk", Said(Events(peer), turnId));

        // Speech outside a window (the tail of an utterance arriving after stop_listening) starts no turn of its own:
        // the next window's words are the next transcript's, and there are two turns in all.
        await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = "second press" });
        await SpeakAsync(ws, 10);
        await emu.PostAsync("v1/streaming.start_listening", new JsonObject { ["session_id"] = session.Id });
        Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        await emu.PostAsync("v1/streaming.stop_listening", new JsonObject { ["session_id"] = session.Id });
        Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        await Poll.Until(() => Events(peer).Count(e => e["type"]!.GetValue<string>() == "user_end_message") >= 2, "the second user_end_message");
        var ends = Events(peer).Where(e => e["type"]!.GetValue<string>() == "user_end_message").ToList();
        Assert.Equal(2, ends.Count);
        Assert.Equal("second press", Said(Events(peer), ends[1]["task_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_user_turn_over_a_talking_avatar_interrupts_it_and_replies()
    {
        var (session, client, peer) = await ConnectedAsync(emu);
        using var _ = client;
        await emu.TaskAsync(session.Id, string.Join(" ", Enumerable.Repeat("a long sentence for the avatar to say", 10)));
        await Poll.Until(() => Events(peer).Any(e => e["type"]!.GetValue<string>() == "avatar_start_talking"), "avatar talking");

        var turn = await AdminAsync(session.Id, "user_turn", new JsonObject { ["text"] = "stop please" });

        Assert.Equal("You said: stop please", turn["reply"]!.GetValue<string>());
        Assert.Equal("user_turn", turn["source"]!.GetValue<string>());
        var events = Events(peer);
        var stop = events.FindIndex(e => e["type"]!.GetValue<string>() == "avatar_stop_talking");
        var said = events.FindIndex(e => e["type"]!.GetValue<string>() == "user_talking_message");
        Assert.InRange(stop, 0, said); // interrupted when the user started, before the transcript
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "barge_in");
        Assert.Equal("stop please", Said(events, turn["task_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Admin_voice_calls_answer_HeyGen_style_errors()
    {
        var session = await emu.NewSessionAsync();
        Assert.Equal("""{"code":10006,"message":"Session not found"}""",
            (await AdminAsync("no-such-session", "transcripts", new JsonObject { ["text"] = "x" }, HttpStatusCode.NotFound)).ToJsonString());
        Assert.Equal("""{"code":40001,"message":"Missing required input parameters: text"}""",
            (await AdminAsync(session.Id, "transcripts", new JsonObject(), HttpStatusCode.BadRequest)).ToJsonString());
        Assert.Equal(400175, (await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = new string('a', 5001) }, HttpStatusCode.BadRequest))["code"]!.GetValue<int>());
        for (int i = 0; i < 32; i++) await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = $"t{i}" });
        var full = await AdminAsync(session.Id, "transcripts", new JsonObject { ["text"] = "one too many" }, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid parameter: text: at most 32 transcripts may be queued (Emulator:Speech:MaxQueuedTranscripts)", full["message"]!.GetValue<string>());
        // A turn needs a connected session, as a task does.
        Assert.Equal("""{"code":10001,"message":"Session state wrong: new"}""",
            (await AdminAsync(session.Id, "user_turn", new JsonObject { ["text"] = "hi" }, HttpStatusCode.BadRequest)).ToJsonString());
    }
}

/// <summary>An emulator whose recogniser is a script (a real process) that checks it was given a 16 kHz WAV.</summary>
public sealed class RecognizerEmulator : LiveKitEmulator
{
    public static readonly string Script = WriteScript("recognise.sh", """
        #!/bin/sh
        # Reads the RIFF header: "RIFF" and the 16000 Hz sample rate (bytes 24-27, little-endian 80 3e 00 00).
        [ "$(head -c 4 "$1")" = "RIFF" ] || { echo "not a wav" >&2; exit 3; }
        [ "$(od -An -tx1 -j24 -N4 "$1" | tr -d ' \n')" = "803e0000" ] || { echo "not 16 kHz" >&2; exit 4; }
        echo "  the recogniser"
        echo "heard this  "
        """);

    protected override void Configure(EmulatorHostOptions options) =>
        options.Settings["Emulator:Speech:RecognizerCommand"] = $"/bin/sh {Script} {{wav}}";

    public static string WriteScript(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"heygen-voice-test-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.Replace("\r", ""));
        return path;
    }
}

public sealed class RecognizerTurnTests(RecognizerEmulator emu) : IClassFixture<RecognizerEmulator>
{
    [Fact]
    public async Task Without_a_queued_transcript_the_recogniser_reads_the_utterance_as_a_WAV_and_its_words_are_the_turn()
    {
        var (session, client, peer) = await ConnectedAsync(emu);
        using var _ = client;
        using var ws = await ChatAsync(emu, session.Id, Uri.EscapeDataString(SessionToken(emu)));
        for (int i = 0; i < 10; i++) await ws.SendAsync(Tone(8000), WebSocketMessageType.Binary, true, CancellationToken.None);
        for (int i = 0; i < 30; i++) await ws.SendAsync(Tone(0), WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal("user_start", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());
        Assert.Equal("user_stop", (await ReceiveTextAsync(ws))["event_type"]!.GetValue<string>());

        await Poll.Until(() => Events(peer).Any(e => e["type"]!.GetValue<string>() == "user_end_message"), "user_end_message");
        var said = string.Concat(Events(peer).Where(e => e["type"]!.GetValue<string>() == "user_talking_message").Select(e => e["message"]!.GetValue<string>()));
        Assert.Equal("the recogniser heard this", said);
        Assert.Equal("recognizer", emu.Journal(session.Id).Single(e => LiveKitEmulator.Step(e) == "user_turn").Request!["source"]!.GetValue<string>());
    }
}

/// <summary><see cref="SpeechRecognizer"/> on real processes: arguments, stdout, failures, the timeout.</summary>
public sealed class SpeechRecognizerTests
{
    private static readonly byte[] Wav = UtteranceWav.Wrap(new byte[3200], 16000);

    [Fact]
    public async Task The_wav_placeholder_is_replaced_and_stdout_becomes_one_line()
    {
        var script = RecognizerEmulator.WriteScript("echo-args.sh", "#!/bin/sh\necho \"$1\"\necho \"[$2]\"\n");
        using var recognizer = new SpeechRecognizer($"/bin/sh {script} \"quoted words\" {{wav}}", TimeSpan.FromSeconds(10));
        var result = await recognizer.RecognizeAsync(Wav);
        Assert.Null(result.Failure);
        Assert.Matches(@"^quoted words \[/.*/utterance\.wav\]$", result.Text);
    }

    [Fact]
    public async Task Failures_are_named_not_thrown()
    {
        var failing = RecognizerEmulator.WriteScript("fail.sh", "#!/bin/sh\necho 'model not found' >&2\nexit 2\n");
        using var exits = new SpeechRecognizer($"/bin/sh {failing}", TimeSpan.FromSeconds(10));
        Assert.Equal("exit code 2: model not found", (await exits.RecognizeAsync(Wav)).Failure);

        using var missing = new SpeechRecognizer("/no/such/whisper-cli -f {wav}", TimeSpan.FromSeconds(10));
        Assert.StartsWith("'/no/such/whisper-cli' could not be started", (await missing.RecognizeAsync(Wav)).Failure);

        var silent = RecognizerEmulator.WriteScript("silent.sh", "#!/bin/sh\nexit 0\n");
        using var nothing = new SpeechRecognizer($"/bin/sh {silent}", TimeSpan.FromSeconds(10));
        Assert.Equal("it printed nothing", (await nothing.RecognizeAsync(Wav)).Failure);
    }

    [Fact]
    public async Task A_recogniser_past_its_timeout_is_killed()
    {
        var slow = RecognizerEmulator.WriteScript("slow.sh", "#!/bin/sh\nsleep 30\necho late\n");
        using var recognizer = new SpeechRecognizer($"/bin/sh {slow}", TimeSpan.FromSeconds(1));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await recognizer.RecognizeAsync(Wav);
        Assert.Equal("no answer within 1 s (killed)", result.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
