using System.Text.Json;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// Issue 15, voice chat that answers: the official SDKs in Chromium with a fake microphone playing espeak-ng speech
/// (<see cref="SpokenWav"/>): 2.1.0 publishes it over LiveKit (<c>voiceChatTransport: "livekit"</c>), 2.0.8 streams it
/// over the chat socket. The emulator's VAD bounds the utterance, a queued transcript gives its words, and the SDK
/// emits the whole turn, then the avatar's answer; speaking again over that answer interrupts it.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class SdkVoiceChatTests(SdkKit kit, ITestOutputHelper output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);

    private static object StartRequest(string version) => version == SdkVersions.V210
        ? new { avatarName = "Wayne_20240711", quality = "low", voiceChatTransport = "livekit" }
        : new { avatarName = "Wayne_20240711", quality = "low" };

    private async Task<SdkPage> StartedAsync(string version, bool microphone)
    {
        var page = microphone ? await kit.OpenWithMicrophoneAsync(version) : await kit.OpenAsync(version);
        var result = await page.StartAsync(StartRequest(version));
        if (!result.Ok)
        {
            var diagnostics = await page.DiagnosticsAsync();
            await page.DisposeAsync();
            result.EnsureOk($"SDK {version} createStartAvatar ({diagnostics})");
        }
        await page.WaitForEventAsync("stream_ready", ReadyTimeout);
        return page;
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task A_spoken_utterance_with_a_queued_transcript_gives_the_user_events_then_the_spoken_reply(string version)
    {
        await using var page = await StartedAsync(version, microphone: true);
        const string transcript = "what is the weather like today";
        await kit.QueueTranscriptAsync(page.SessionId!, transcript);
        var from = (await page.EventsAsync()).Count;

        (await page.StartVoiceChatAsync()).EnsureOk("startVoiceChat");
        var end = await page.WaitForEventAsync("user_end_message", TimeSpan.FromSeconds(30), from);
        var turnId = end.Detail.GetProperty("task_id").GetString();
        var energyBefore = await AudioEnergyAsync(page);
        var stop = await WaitForTaskEventAsync(page, "avatar_stop_talking", turnId!, TimeSpan.FromSeconds(30), from);

        var events = (await page.EventsAsync()).Skip(from).ToList();
        var turn = TurnEvents(events, turnId!);
        output.WriteLine($"SDK {version}: " + string.Join(", ", turn.Select(e => $"{e.Name}@{e.T:0}")));
        Assert.Contains(turn, e => e.Name == "user_stop");
        Assert.Equal(["user_start", "user_talking_message", "user_end_message", "avatar_start_talking", "avatar_talking_message", "avatar_end_message", "avatar_stop_talking"], DataOrder(turn));
        AssertInOrder(turn);
        Assert.Equal(transcript, Said(turn, "user_talking_message"));
        Assert.Equal("You said: " + transcript, Said(turn, "avatar_talking_message"));
        Assert.Equal(turnId, stop.Detail.GetProperty("task_id").GetString());

        var energyAfter = await AudioEnergyAsync(page);
        output.WriteLine($"SDK {version}: the avatar's inbound audio energy rose by {energyAfter - energyBefore:0.000} during the reply");
        Assert.True(energyAfter - energyBefore > 0.01, $"the avatar's audio did not play (energy {energyBefore} → {energyAfter})");
    }

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task A_simulated_user_turn_without_a_microphone_gives_the_same_events_and_reply(string version)
    {
        await using var page = await StartedAsync(version, microphone: false);
        const string transcript = "tell me a story";
        var from = (await page.EventsAsync()).Count;

        var answer = await kit.UserTurnAsync(page.SessionId!, transcript);
        var turnId = answer["task_id"]!.GetValue<string>();
        Assert.Equal("You said: " + transcript, answer["reply"]!.GetValue<string>());
        await WaitForTaskEventAsync(page, "avatar_stop_talking", turnId, TimeSpan.FromSeconds(30), from);

        var turn = TurnEvents((await page.EventsAsync()).Skip(from).ToList(), turnId);
        var names = DataOrder(turn);
        if (version == SdkVersions.V210) Assert.Contains(turn, e => e.Name == "user_stop");
        else Assert.DoesNotContain(turn, e => e.Name == "user_stop");
        // SDK 2.0.8 opens the chat socket (where user_start/user_stop arrive) only in startVoiceChat; 2.1.0 always does.
        List<string> expected = version == SdkVersions.V210
            ? ["user_start", "user_talking_message", "user_end_message", "avatar_start_talking", "avatar_talking_message", "avatar_end_message", "avatar_stop_talking"]
            : ["user_talking_message", "user_end_message", "avatar_start_talking", "avatar_talking_message", "avatar_end_message", "avatar_stop_talking"];
        Assert.Equal(expected, names);
        AssertInOrder(turn);
        Assert.Equal(transcript, Said(turn, "user_talking_message"));
        Assert.Equal("You said: " + transcript, Said(turn, "avatar_talking_message"));
    }

    /// <summary>
    /// The fake microphone says its words again every <see cref="SpokenWav.PeriodSeconds"/>; a long queued transcript
    /// makes a reply longer than that, so the second utterance starts while the avatar talks and interrupts it.
    /// </summary>
    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Speaking_over_the_talking_avatar_interrupts_it_within_500_ms(string version)
    {
        await using var page = await StartedAsync(version, microphone: true);
        var longTranscript = string.Join(" ", Enumerable.Repeat("please tell me everything about the history of this beautiful old town", 6));
        await kit.QueueTranscriptAsync(page.SessionId!, longTranscript);
        var from = (await page.EventsAsync()).Count;

        (await page.StartVoiceChatAsync()).EnsureOk("startVoiceChat");
        var end = await page.WaitForEventAsync("user_end_message", TimeSpan.FromSeconds(30), from);
        var turnId = end.Detail.GetProperty("task_id").GetString()!;
        var started = await WaitForTaskEventAsync(page, "avatar_start_talking", turnId, TimeSpan.FromSeconds(15), from);
        var afterStart = (await page.EventsAsync()).Count;
        var bargeIn = await page.WaitForEventAsync("user_start", TimeSpan.FromSeconds(SpokenWav.PeriodSeconds + 10), afterStart);
        var stopped = await WaitForTaskEventAsync(page, "avatar_stop_talking", turnId, TimeSpan.FromSeconds(5), from);

        var latency = stopped.T - bargeIn.T;
        var spokenMs = stopped.Detail.GetProperty("duration_ms").GetDouble();
        output.WriteLine($"SDK {version}: barge-in: avatar_stop_talking {latency:0} ms after user_start; the reply spoke {spokenMs:0} ms");
        Assert.True(stopped.T >= bargeIn.T - 50, $"the avatar stopped ({stopped.T:0}) before the user started ({bargeIn.T:0})");
        Assert.True(latency <= 500, $"avatar_stop_talking came {latency:0} ms after user_start");
        var session = (await kit.SessionsAsync()).Single(x => x!["session_id"]!.GetValue<string>() == page.SessionId)!;
        var fullMs = session["tasks"]!.AsArray().Single(t => t!["task_id"]!.GetValue<string>() == turnId)!["duration_ms"]!.GetValue<double>();
        Assert.True(spokenMs < fullMs - 1000, $"the reply spoke {spokenMs:0} of its {fullMs:0} ms: it was not cut short");
    }

    /// <summary>The turn's events: the user's (from its user_start on) and the reply's (the turn's task id).</summary>
    private static List<SdkEvent> TurnEvents(List<SdkEvent> events, string turnId)
    {
        var end = events.FindIndex(e => e.Name == "user_end_message" && TaskId(e) == turnId);
        var start = events.FindLastIndex(end, e => e.Name == "user_start");
        // user_stop rides the chat socket and the words LiveKit data: the two may reach the page in either order.
        var stop = start < 0 ? -1 : events.FindIndex(start, e => e.Name == "user_stop");
        return events.Select((e, i) => (e, i)).Where(x =>
                x.i == start || x.i == stop
                || (x.e.Name.StartsWith("user_", StringComparison.Ordinal) && x.e.Name.EndsWith("_message", StringComparison.Ordinal) && TaskId(x.e) == turnId)
                || (x.e.Name.StartsWith("avatar_", StringComparison.Ordinal) && TaskId(x.e) == turnId))
            .Select(x => x.e).ToList();
    }

    /// <summary>
    /// Each kind of event comes after every event of the kinds before it, user_stop aside: it comes on the chat socket,
    /// the words on LiveKit data, and nothing orders two transports, so it only has to follow user_start.
    /// </summary>
    private static void AssertInOrder(List<SdkEvent> turn)
    {
        var start = turn.FindIndex(e => e.Name == "user_start");
        var stop = turn.FindIndex(e => e.Name == "user_stop");
        Assert.True(stop < 0 || start < stop, "user_stop came before user_start: " + string.Join(", ", turn.Select(e => e.Name)));
        turn = turn.Where(e => e.Name != "user_stop").ToList();
        var kinds = turn.Select(e => e.Name).Distinct().ToList();
        for (int k = 1; k < kinds.Count; k++)
        {
            var firstOfThis = turn.FindIndex(e => e.Name == kinds[k]);
            var lastOfPrevious = turn.FindLastIndex(e => e.Name == kinds[k - 1]);
            Assert.True(lastOfPrevious < firstOfThis, $"{kinds[k]} came before the last {kinds[k - 1]}: " + string.Join(", ", turn.Select(e => e.Name)));
        }
    }

    /// <summary>The turn's kinds of event in the order they came, user_stop aside (see <see cref="AssertInOrder"/>).</summary>
    private static List<string> DataOrder(List<SdkEvent> turn) =>
        turn.Select(e => e.Name).Where(n => n != "user_stop").Distinct().ToList();

    private static string? TaskId(SdkEvent e) =>
        e.Detail.ValueKind == JsonValueKind.Object && e.Detail.TryGetProperty("task_id", out var id) ? id.GetString() : null;

    private static string Said(List<SdkEvent> turn, string name) =>
        string.Concat(turn.Where(e => e.Name == name).Select(e => e.Detail.GetProperty("message").GetString()));

    private static async Task<SdkEvent> WaitForTaskEventAsync(SdkPage page, string name, string taskId, TimeSpan timeout, int from)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await page.EventsAsync()).Skip(from).FirstOrDefault(e => e.Name == name && TaskId(e) == taskId);
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"SDK {page.Version}: no {name} for task {taskId} within {timeout.TotalSeconds:0} s. {await page.DiagnosticsAsync()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The total audio energy the page received on the avatar's audio track (inbound-rtp, totalAudioEnergy).</summary>
    private static Task<double> AudioEnergyAsync(SdkPage page) => page.Page.EvaluateAsync<double>("""
        async () => {
          let energy = 0;
          for (const p of kit.avatar.room.remoteParticipants.values())
            for (const pub of p.audioTrackPublications.values()) {
              const receiver = pub.track && pub.track.receiver;
              if (!receiver) continue;
              (await receiver.getStats()).forEach(s => { if (s.type === 'inbound-rtp') energy += s.totalAudioEnergy || 0; });
            }
          return energy;
        }
        """);
}
