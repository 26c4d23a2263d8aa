using HeyGen.Client;
using HeyGenEmulator.Conformance.Runner;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// What a user of the official SDK sees: our client mirrors its createStartAvatar and its APIError, whose message
/// only names the status while the body (what went wrong) sits in responseText.
/// </summary>
[Binding]
public sealed class SdkSteps(KitState kit)
{
    [When("the SDK calls createStartAvatar with avatarName {string} and quality {string}")]
    public async Task CreateStartAvatar(string avatarName, string quality)
    {
        var client = kit.Client();
        try
        {
            var info = await client.CreateStartAvatarAsync(new NewSessionRequest { AvatarName = avatarName, Quality = quality });
            kit.Values["session_id"] = info.SessionId;
            kit.Opened.Add((kit.CurrentRole, info.SessionId));
        }
        catch (HeyGenApiException e)
        {
            kit.LastSdkError = e;
        }
    }

    [Then("the SDK call fails with the message {string}")]
    public void FailsWith(string message)
    {
        Assert.NotNull(kit.LastSdkError);
        Assert.Equal(message, kit.LastSdkError!.Message);
    }

    [Then("the SDK call succeeds")]
    public void Succeeds() => Assert.True(kit.LastSdkError is null, $"SDK call failed: {kit.LastSdkError?.Message} {kit.LastSdkError?.ResponseText}");

    [Then("the SDK error's status is {int}")]
    public void ErrorStatus(int status) => Assert.Equal(status, kit.LastSdkError!.Status);

    [Then("the SDK error's responseText is:")]
    public void ErrorBody(string expected) =>
        Assert.True(JsonPath.SemanticallyEqual(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(kit.LastSdkError!.ResponseText)),
            $"responseText was {kit.LastSdkError!.ResponseText}");
}
