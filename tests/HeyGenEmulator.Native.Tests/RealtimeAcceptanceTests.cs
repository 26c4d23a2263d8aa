using System.Text.Json.Nodes;
using HeyGenEmulator.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Native.Tests;

/// <summary>
/// The realtime socket as pipecat drives it, heard through LiveKit's native SDK: streamed PCM becomes the avatar's
/// audio (energy up within 300 ms of the first chunk, down after the last), the video plays its talking loop meanwhile,
/// and an interrupt silences it within 200 ms (clients/livekit-native/realtime.mjs measures, this asserts).
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class RealtimeAcceptanceTests(NativeEmulator emulator, ITestOutputHelper output)
{
    [Fact]
    public async Task Streamed_speech_is_heard_and_seen_in_time_and_an_interrupt_silences_it()
    {
        // One whole run first, unmeasured: the first append/commit and the first interrupt run their code for the first
        // time (JIT, the encoder's first tier), and rose 600-700 ms late in about one run in five; the figures are for
        // a warm emulator, as in the realtime bench.
        await NodeScript.RunAsync("realtime.mjs", output, TimeSpan.FromSeconds(90), emulator.BaseUrl, NativeEmulator.ApiKey);
        var run = await NodeScript.RunAsync("realtime.mjs", output, TimeSpan.FromSeconds(90), emulator.BaseUrl, NativeEmulator.ApiKey);
        foreach (var r in run.Reports) output.WriteLine(r.ToJsonString());
        // How long the emulator took over each frame, for a slow run's diagnosis.
        var journal = emulator.Services.GetRequiredService<RequestJournal>().Snapshot(null).Where(e => e.Kind == "realtime").ToList();
        foreach (var e in journal.Take(12)) output.WriteLine($"journal {e.Time:HH:mm:ss.fff} {e.Request?.ToJsonString()}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["heygen"], run.Single("joined")["participants"]!.AsArray().Select(p => (string?)p));
        var utterances = run.OfKind("utterance").ToList();
        Assert.Equal(["speak", "append"], utterances.Select(u => (string?)u["family"]));
        foreach (var u in utterances)
        {
            var family = (string?)u["family"];
            Assert.True((double?)u["rise_ms"] is { } rise && rise <= 300, $"{family}: energy rose after {u["rise_ms"]} ms (≤ 300)");
            Assert.True((double)u["loud_ms"]! is > 1700 and < 2400, $"{family}: loud for {u["loud_ms"]} ms of 2000");
            Assert.True((int)u["quiet_after_frames"]! >= 50 && (double)u["quiet_after_max_rms"]! < 300,
                $"{family}: not quiet after the last chunk ({u["quiet_after_frames"]} frames, max rms {u["quiet_after_max_rms"]})");
            AssertIdle(u["idle_before"]!, $"{family}: before");
            AssertTalking(u["talking"]!, $"{family}: while speaking");
            AssertIdle(u["idle_after"]!, $"{family}: after");
            var events = u["events"]!.AsArray().Select(e => (string?)e!["type"]).ToList();
            Assert.Equal(["agent.speak_started", "agent.speak_ended"], events);
        }
        var speakEvents = utterances[0]["events"]!.AsArray();
        Assert.Equal("812", (string?)speakEvents[0]!["event_id"]);
        Assert.Equal((string?)speakEvents[0]!["task"], (string?)speakEvents[1]!["task"]);
        Assert.Equal("a-1", (string?)utterances[1]["events"]![0]!["event_id"]);

        var interrupt = run.Single("interrupt");
        Assert.True((double)interrupt["silent_ms"]! <= 200, $"audio went on {interrupt["silent_ms"]} ms after the interrupt (≤ 200)");
        Assert.True((int)interrupt["frames_after"]! >= 100, "the audio track stopped instead of playing silence");
        AssertIdle(interrupt["talking_after"]!, "after the interrupt");
        Assert.Contains("agent.speak_interrupted", interrupt["events"]!.AsArray().Select(e => (string?)e!["type"]));
        Assert.DoesNotContain("agent.speak_ended", interrupt["events"]!.AsArray().Select(e => (string?)e!["type"]));

        Assert.Equal(["heygen"], run.Single("participants")["identities"]!.AsArray().Select(p => (string?)p));
        var closed = run.Single("closed");
        Assert.Equal(1000, (int?)closed["code"]);
        Assert.Equal(["connecting", "connected", "closed"], closed["states"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(["session.state_updated", "session.state_updated"], closed["first_types"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(0, (int)closed["non_objects"]!);
    }

    /// <summary>The talking loop: the mouth's area swings (4 Hz) and the background is the talking loop's.</summary>
    private static void AssertTalking(JsonNode video, string what)
    {
        Assert.True((int)video["frames"]! >= 20, $"{what}: only {video["frames"]} video frames");
        Assert.True((double)video["talking_background"]! >= 0.9, $"{what}: talking loop in {video["talking_background"]} of frames");
        Assert.True((int)video["mouth_max"]! > 2 * (int)video["mouth_min"]!, $"{what}: the mouth did not move ({video.ToJsonString()})");
    }

    private static void AssertIdle(JsonNode video, string what)
    {
        Assert.True((int)video["frames"]! >= 10, $"{what}: only {video["frames"]} video frames");
        Assert.True((double)video["talking_background"]! <= 0.1, $"{what}: talking loop in {video["talking_background"]} of frames");
    }
}
