using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Conformance.Clients;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// What a user of the official SDK sees, through the scenario's SDK client (<see cref="KitState.SdkClient"/>), always
/// behind the client adapter protocol (<see cref="AdapterClient"/>): <c>csharp</c> mirrors createStartAvatar and the
/// SDK's APIError (whose message only names the status while the body, what went wrong, sits in responseText); the
/// <c>js-sdk-*</c> clients are the SDK itself in Chromium; <c>adapter:&lt;url&gt;</c> any other. Event steps need the
/// "events" and "media" capabilities: their scenarios are tagged @sdk-events, which the kit skips for a client without them.
/// </summary>
[Binding]
public sealed class SdkSteps(KitState kit, ScenarioContext scenario)
{
    /// <summary>A current public avatar (the one of <see cref="SessionSteps.DefaultNewBody"/>).</summary>
    public const string DefaultAvatar = "Santa_Fireplace_Front_public";

    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private AdapterClient? _sdk;

    private async Task<AdapterClient> Sdk() => _sdk ??= await AdapterClient.OpenAsync(kit.SdkClient, kit, scenario.ScenarioInfo.Title);

    /// <summary>The adapter's client goes after every SDK scenario; the session itself is stopped by <see cref="Hooks"/>.</summary>
    [AfterScenario(KitClients.SdkTag)]
    public async Task CloseClient()
    {
        if (_sdk is not null) await _sdk.DisposeAsync();
        _sdk = null;
    }

    [When("the SDK calls createStartAvatar with avatarName {string} and quality {string}")]
    public async Task CreateStartAvatar(string avatarName, string quality)
    {
        var sdk = await Sdk();
        var outcome = await sdk.CreateStartAvatarAsync(avatarName, quality);
        kit.LastSdkError = outcome.Error;
        if (outcome.Ok && outcome.Value is { } sessionId)
        {
            kit.Values["session_id"] = sessionId;
            kit.Opened.Add((kit.CurrentRole, sessionId));
        }
    }

    [Given("the SDK has started an avatar session")]
    public async Task Started()
    {
        await CreateStartAvatar(DefaultAvatar, "low");
        Succeeds();
    }

    [When("the SDK speaks {string} as a {string} task")]
    public async Task Speak(string text, string taskType)
    {
        var outcome = await (await Sdk()).SpeakAsync(text, taskType);
        kit.LastSdkError = outcome.Error;
        if (outcome.Ok) kit.Values["task_id"] = outcome.Value ?? "";
    }

    [When("the SDK calls stopAvatar")]
    public async Task Stop() => kit.LastSdkError = (await (await Sdk()).StopAvatarAsync()).Error;

    [Then("the SDK call fails with the message {string}")]
    public void FailsWith(string message)
    {
        Assert.NotNull(kit.LastSdkError);
        Assert.Equal(message, kit.LastSdkError!.Message);
    }

    [Then("the SDK call succeeds")]
    public void Succeeds() => Assert.True(kit.LastSdkError is null,
        $"SDK call failed ({kit.SdkClient.Name}): {kit.LastSdkError?.Name}: {kit.LastSdkError?.Message} {kit.LastSdkError?.ResponseText}");

    [Then("the SDK call returned a task id")]
    public void ReturnedTaskId() =>
        Assert.False(string.IsNullOrEmpty(kit.Values.GetValueOrDefault("task_id")), "speak gave no task_id");

    [Then("the SDK error's status is {int}")]
    public void ErrorStatus(int status)
    {
        Assert.NotNull(kit.LastSdkError);
        Assert.Equal(status, kit.LastSdkError!.Status);
    }

    [Then("the SDK error's responseText is:")]
    public void ErrorBody(string expected)
    {
        Assert.NotNull(kit.LastSdkError);
        Assert.True(JsonPath.SemanticallyEqual(JsonNode.Parse(expected), JsonNode.Parse(kit.LastSdkError!.ResponseText ?? "null")),
            $"responseText was {kit.LastSdkError!.ResponseText}");
    }

    // ---- Events and media (@sdk-events: JS SDK clients only) ----

    [Given("the SDK has emitted {string}")]
    [Then("the SDK emits {string}")]
    public async Task Emits(string name) => await (await Sdk()).WaitForEventAsync(name, EventTimeout);

    [Then("the SDK emits {string} with detail {int}")]
    public async Task EmitsWithDetail(string name, int detail)
    {
        var e = await (await Sdk()).WaitForEventAsync(name, EventTimeout);
        Assert.Equal(JsonValueKind.Number, e.Detail.ValueKind);
        Assert.Equal(detail, e.Detail.GetInt32());
    }

    [Then("stream_ready carries one video and one audio track")]
    public async Task StreamReadyTracks()
    {
        var events = await Sdk();
        var ready = await events.WaitForEventAsync("stream_ready", EventTimeout);
        var kinds = ready.Detail.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["audio", "video"], kinds);
        Assert.Single(await events.EventsAsync(), e => e.Name == "stream_ready");
    }

    [Then("the SDK emits avatar_start_talking, avatar_talking_message…, avatar_end_message, avatar_stop_talking with the task id")]
    public async Task TalkingSequence()
    {
        var events = await Sdk();
        var taskId = kit.Values.GetValueOrDefault("task_id");
        Assert.False(string.IsNullOrEmpty(taskId), "speak gave no task_id");
        var (from, durationMs) = events.LastSpeak;
        await events.WaitForEventAsync("avatar_stop_talking", TimeSpan.FromMilliseconds(durationMs) + EventTimeout, from);
        var talking = (await events.EventsAsync()).Skip(from).Where(e => e.Name.StartsWith("avatar_", StringComparison.Ordinal)).ToList();
        var names = talking.Select(e => e.Name).ToList();
        Assert.True(names.Count >= 4, $"events: {string.Join(", ", names)}");
        Assert.Equal("avatar_start_talking", names[0]);
        Assert.All(names[1..^2], n => Assert.Equal("avatar_talking_message", n));
        Assert.NotEmpty(names[1..^2]);
        Assert.Equal("avatar_end_message", names[^2]);
        Assert.Equal("avatar_stop_talking", names[^1]);
        Assert.All(talking, e => Assert.Equal(taskId, e.Detail.GetProperty("task_id").GetString()));
    }

    [Then("^the SDK emits \"([^\"]*)\" with detail (\\d+) within (\\d+) seconds? of stopAvatar$")]
    public async Task EmitsAfterStop(string name, int detail, int seconds)
    {
        var events = await Sdk();
        var e = await events.WaitForEventAsync(name, TimeSpan.FromSeconds(seconds + 1));
        Assert.Equal(detail, e.Detail.GetInt32());
        var stopCalled = await events.MarkAsync("stopCalled") ?? throw new InvalidOperationException("stopAvatar was not called");
        var after = e.T - stopCalled;
        Assert.True(after <= seconds * 1000, $"{name} came {after:0} ms after stopAvatar()");
    }

    // ---- Voice chat (the turn from VoiceSteps: turn_id) ----

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    [Then("the SDK emits the user's words {string} and user_end_message")]
    public async Task UserWords(string words)
    {
        var turn = kit.Values["turn_id"];
        await WaitForTaskEventAsync("user_end_message", turn, EventTimeout);
        Assert.Equal(kit.Expand(words), Said(await (await Sdk()).EventsAsync(), "user_talking_message", turn));
    }

    [Then("the SDK emits the avatar's answer {string}")]
    public async Task AvatarAnswer(string words)
    {
        var turn = kit.Values["turn_id"];
        await WaitForTaskEventAsync("avatar_stop_talking", turn, AnswerTimeout);
        var events = await (await Sdk()).EventsAsync();
        Assert.Single(events, e => e.Name == "avatar_start_talking" && TaskId(e) == turn);
        Assert.Equal(kit.Expand(words), Said(events, "avatar_talking_message", turn));
    }

    [Then("the SDK emits avatar_stop_talking for the spoken task before the user's words")]
    public async Task InterruptedBeforeWords()
    {
        var stopped = await WaitForTaskEventAsync("avatar_stop_talking", kit.Values["task_id"], EventTimeout);
        var firstWord = await WaitForTaskEventAsync("user_talking_message", kit.Values["turn_id"], EventTimeout);
        Assert.True(stopped.T <= firstWord.T, $"avatar_stop_talking at {stopped.T:0} ms, the user's first word at {firstWord.T:0} ms");
    }

    private static string? TaskId(HeyGen.JsSdk.SdkEvent e) =>
        e.Detail.ValueKind == JsonValueKind.Object && e.Detail.TryGetProperty("task_id", out var id) ? id.GetString() : null;

    private static string Said(IReadOnlyList<HeyGen.JsSdk.SdkEvent> events, string name, string taskId) =>
        string.Concat(events.Where(e => e.Name == name && TaskId(e) == taskId).Select(e => e.Detail.GetProperty("message").GetString()));

    private async Task<HeyGen.JsSdk.SdkEvent> WaitForTaskEventAsync(string name, string taskId, TimeSpan timeout)
    {
        var events = await Sdk();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = (await events.EventsAsync()).FirstOrDefault(e => e.Name == name && TaskId(e) == taskId);
            if (found is not null) return found;
            Assert.True(DateTime.UtcNow < deadline, $"no {name} with task_id {taskId} within {timeout.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
