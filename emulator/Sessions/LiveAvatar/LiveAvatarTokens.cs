using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// LiveAvatar's session token: a JWT, because the web SDK decodes its payload and takes the mode from
/// <c>start_session_data.mode</c> (liveavatar-wire.md §3.1, SDK L817-842). Signed HS256 with a secret made per
/// instance; what else real tokens carry is unknown, so the payload holds only what the SDK and clients read.
/// </summary>
public sealed class LiveAvatarTokens
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string Issue(string sessionId, JsonObject startSessionData, DateTimeOffset now, TimeSpan lifetime)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["session_id"] = sessionId,
            ["start_session_data"] = startSessionData.DeepClone(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        };
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(signed)));
    }

    /// <summary>The session id a token of ours names, when its signature holds and it has not expired; else null.</summary>
    public string? SessionIdOf(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024) return null;
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var expected = HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]))) return null;
            var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            if (payload?["exp"] is not JsonValue exp || !exp.TryGetValue<long>(out var seconds) || now.ToUnixTimeSeconds() > seconds) return null;
            return payload["session_id"] is JsonValue id && id.TryGetValue<string>(out var s) ? s : null;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
