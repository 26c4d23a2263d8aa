using System.Text.Json;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// Issue 12's acceptance: both APIs in one emulator at once. A HeyGen v2 session (the official
/// <c>@heygen/streaming-avatar</c> 2.1.0) and a LiveAvatar FULL session (the LiveAvatar web SDK) in the same Chromium,
/// speaking at the same time: each room holds only its own participants and each page hears only its own events.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class LiveAvatarBesideHeyGenTests(SdkKit kit, ITestOutputHelper output)
{
    [Fact]
    public async Task A_HeyGen_v2_session_and_a_LiveAvatar_session_side_by_side_each_get_only_their_own_events()
    {
        await using var heygen = await kit.OpenAsync(SdkVersions.V210);
        (await heygen.StartAsync(new { avatarName = "Wayne_20240711", quality = "low" })).EnsureOk("createStartAvatar");
        await heygen.WaitForEventAsync("stream_ready", TimeSpan.FromSeconds(10));
        var (la, laSession) = await LiveAvatarFullTests.StartedAsync(kit, LiveAvatarFullTests.FullBody());
        await using var _ = la;
        Assert.NotEqual(heygen.SessionId, laSession);

        var heygenFrom = (await heygen.EventsAsync()).Count;
        var laFrom = (await la.EventsAsync()).Count;
        var heygenSpeak = heygen.SpeakAsync(new { text = "I am the HeyGen avatar speaking now.", taskType = "repeat", taskMode = "async" });
        var laEventId = (await la.RepeatAsync("And I am the LiveAvatar one.")).EnsureOk("repeat").Value.GetString()!;
        var taskId = (await heygenSpeak).EnsureOk("speak").Value.GetProperty("task_id").GetString();

        await heygen.WaitForEventAsync("avatar_stop_talking", TimeSpan.FromSeconds(30), heygenFrom);
        await la.WaitForEventAsync("avatar.speak_ended", TimeSpan.FromSeconds(30), laFrom, e => LiveAvatarFullTests.Source(e) == laEventId);
        await Task.Delay(500); // anything misrouted would have arrived by now

        var heygenEvents = (await heygen.EventsAsync()).Skip(heygenFrom).Where(e => e.Name.StartsWith("avatar_", StringComparison.Ordinal)).ToList();
        var laEvents = (await la.EventsAsync()).Skip(laFrom).ToList();
        output.WriteLine("HeyGen: " + string.Join(", ", heygenEvents.Select(e => e.Name)));
        output.WriteLine("LiveAvatar: " + string.Join(", ", laEvents.Select(e => e.Name)));
        Assert.All(heygenEvents, e => Assert.Equal(taskId, e.Detail.GetProperty("task_id").GetString()));
        Assert.DoesNotContain(await heygen.EventsAsync(), e => e.Name.Contains('.', StringComparison.Ordinal));
        Assert.All(laEvents.Where(e => e.Name.StartsWith("avatar.", StringComparison.Ordinal)), e =>
        {
            Assert.Equal(laSession, e.Detail.GetProperty("session_id").GetString());
            Assert.Equal(laEventId, LiveAvatarFullTests.Source(e));
        });
        Assert.DoesNotContain(laEvents, e => e.Name.StartsWith("user.", StringComparison.Ordinal) || e.Name == "session.stopped");

        // Each room holds its own: HeyGen's has no LiveAvatar agent; LiveAvatar's has exactly heygen and its agent.
        var heygenRoom = await heygen.Page.EvaluateAsync<string[]>("() => [...kit.avatar.room.remoteParticipants.values()].map(p => p.identity)");
        Assert.DoesNotContain(heygenRoom, i => i.StartsWith("liveavatar-agent-", StringComparison.Ordinal));
        var laRoom = (await la.StatsAsync()).GetProperty("participants").EnumerateArray().Select(p => p.GetString()).Order().ToList();
        Assert.Equal(["heygen", "liveavatar-agent-" + laSession], laRoom);

        // Ending one leaves the other streaming.
        (await la.StopAsync()).EnsureOk("stop");
        await la.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));
        var before = await heygen.FramesDecodedAsync();
        await Task.Delay(1000);
        Assert.True(await heygen.FramesDecodedAsync() - before >= 10, "the HeyGen session stopped playing when the LiveAvatar one ended");
        Assert.DoesNotContain(await heygen.EventsAsync(), e => e.Name == "stream_disconnected");
        (await heygen.StopAsync()).EnsureOk("stopAvatar");
    }
}
