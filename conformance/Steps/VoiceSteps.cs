using System.Text.Json.Nodes;
using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// Voice chat driven through the emulator's admin API (scenarios tagged @emulator-only): what the user will say
/// (queued transcripts) and whole user turns without audio. The turn's answer lands in <c>turn_id</c>,
/// <c>turn_transcript</c> and <c>turn_reply</c> for the steps that follow.
/// </summary>
[Binding]
public sealed class VoiceSteps(KitState kit)
{
    [Given("the user will say {string}")]
    public async Task WillSay(string text)
    {
        var body = new JsonObject { ["text"] = kit.Expand(text) }.ToJsonString();
        var response = await kit.Admin.SendAsync(HttpMethod.Post, $"_emulator/sessions/{kit.Values["session_id"]}/transcripts", body, Auth.None);
        Assert.True(response.Status == 200, $"queueing a transcript failed: {response.Status} {response.Body}");
    }

    [When("the user says {string}")]
    [Given("the user says {string}")]
    public Task Says(string text) => TurnAsync(new JsonObject { ["text"] = kit.Expand(text) });

    /// <summary>A turn with no words of its own: the queued transcript, else the placeholder.</summary>
    [When("the user speaks")]
    public Task Speaks() => TurnAsync(new JsonObject());

    private async Task TurnAsync(JsonObject body)
    {
        var response = await kit.Admin.SendAsync(HttpMethod.Post, $"_emulator/sessions/{kit.Values["session_id"]}/user_turn", body.ToJsonString(), Auth.None);
        Assert.True(response.Status == 200, $"user_turn failed: {response.Status} {response.Body}");
        var json = JsonNode.Parse(response.Body)!;
        kit.Values["turn_id"] = json["task_id"]!.GetValue<string>();
        kit.Values["turn_transcript"] = json["transcript"]!.GetValue<string>();
        kit.Values["turn_reply"] = json["reply"]?.GetValue<string>() ?? "";
    }

    [Then("the turn's transcript is {string}")]
    public void Transcript(string expected) => Assert.Equal(kit.Expand(expected), kit.Values.GetValueOrDefault("turn_transcript"));

    [Then("the turn's answer is {string}")]
    public void Answer(string expected) => Assert.Equal(kit.Expand(expected), kit.Values.GetValueOrDefault("turn_reply"));
}
