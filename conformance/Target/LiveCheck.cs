using System.Net;
using HeyGen.Client;

namespace HeyGenEmulator.Conformance.Target;

/// <summary>The target cannot be used at all: one clear sentence instead of a failure per scenario.</summary>
public sealed class KitTargetException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Before any scenario runs against the live API: is it reachable, and is the key accepted? create_token is the
/// cheapest call that needs the key (no session, no credits). The key itself is never part of a message.
/// </summary>
public static class LiveCheck
{
    public static async Task RunAsync(KitTarget target)
    {
        using var client = new HeyGenClient(target.BaseUrl, target.Key("trial"));
        ApiResponse response;
        try
        {
            response = await client.SendAsync(HttpMethod.Post, "v1/streaming.create_token", null, Auth.ApiKey);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new KitTargetException($"cannot reach {target.BaseUrl.Host}: {e.Message}", e);
        }
        if (response.Status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden)
            throw new KitTargetException($"the API key was refused ({response.Status} from {target.BaseUrl.Host})");
        if (response.Status != 200)
            throw new KitTargetException($"{target.BaseUrl.Host} answered create_token with {response.Status}: {Cut(response.Body)}");
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
