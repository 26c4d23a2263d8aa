using HeyGen.Client;
using HeyGenEmulator.Conformance.Steps;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>Our C# client (clients/HeyGen.Client): createStartAvatar = create_token, streaming.new, streaming.start. REST only.</summary>
public sealed class CSharpSdkClient(KitState kit) : ISdkClient
{
    public string Name => KitClients.CSharp;
    public string? SessionId { get; private set; }

    public Task<SdkOutcome> CreateStartAvatarAsync(string avatarName, string quality) => Call(async client =>
    {
        var info = await client.CreateStartAvatarAsync(new NewSessionRequest { AvatarName = avatarName, Quality = quality });
        if (client.SessionToken is { } token) kit.Values["token"] = token;
        return SessionId = info.SessionId;
    });

    public Task<SdkOutcome> SpeakAsync(string text, string taskType) =>
        Call(async client => (await client.SpeakAsync(Session(), text, taskType)).TaskId);

    public Task<SdkOutcome> StopAvatarAsync() => Call(async client =>
    {
        await client.StopAsync(Session());
        return null;
    });

    private string Session() => SessionId ?? throw new InvalidOperationException("createStartAvatar has not succeeded in this scenario");

    private async Task<SdkOutcome> Call(Func<HeyGenClient, Task<string?>> call)
    {
        try
        {
            return new SdkOutcome(await call(kit.Client()), null);
        }
        catch (HeyGenApiException e)
        {
            return new SdkOutcome(null, new SdkCallError("APIError", e.Message, e.Status, e.ResponseText));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
