using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Configuration;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// LiveKit access tokens shaped like HeyGen's (heygen-wire.md §8.2): HS256, identity <c>client</c>, room = session id,
/// 24 h, signed with this instance's LiveKit key and secret.
/// </summary>
public sealed class LiveKitTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public LiveKitTokens(IOptions<EmulatorOptions> options)
    {
        var o = options.Value.LiveKit;
        ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? "API" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) : o.ApiKey;
        Secret = string.IsNullOrWhiteSpace(o.ApiSecret) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : o.ApiSecret;
    }

    public string ApiKey { get; }
    internal string Secret { get; }

    public string Issue(string identity, string room, DateTimeOffset now, bool agent = false)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iss"] = ApiKey,
            ["name"] = identity,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = identity,
            ["video"] = new JsonObject
            {
                ["room"] = room,
                ["roomJoin"] = true,
                ["canPublish"] = true,
                ["canPublishData"] = true,
                ["canSubscribe"] = true,
                ["agent"] = agent ? true : null,
            },
        };
        if (!agent) payload["video"]!.AsObject().Remove("agent");
        var signingInput = $"{Encoded(header.ToJsonString())}.{Encoded(payload.ToJsonString())}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Checks signature and time window; returns the claims or null.</summary>
    public JsonObject? Validate(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        byte[] actual;
        try { actual = Base64Url.DecodeFromChars(parts[2]); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return null;
        try
        {
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject();
            if (claims is null) return null;
            var nbf = claims["nbf"]?.GetValue<long>() ?? 0;
            var exp = claims["exp"]?.GetValue<long>() ?? 0;
            var t = now.ToUnixTimeSeconds();
            return t + 60 >= nbf && t < exp ? claims : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Encoded(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
