using HeyGen.Client;
using HeyGenEmulator.Conformance.Steps;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>A session token from <c>create_token</c> with the role's key, as an app's backend hands one to its client.</summary>
public static class SessionToken
{
    public static async Task<string> CreateAsync(KitState kit, string role)
    {
        var response = await kit.Client(role).SendAsync(HttpMethod.Post, "v1/streaming.create_token", null, Auth.ApiKey);
        if (response.Status != 200) throw new InvalidOperationException($"create_token failed: {response.Status} {response.Body}");
        return kit.Values["token"] = response.Data!["token"]!.GetValue<string>();
    }
}
