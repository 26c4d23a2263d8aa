using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The outcome of checking an <c>access_token</c> as LiveKit does (spec §2). <see cref="Status"/> 200 = usable. The
/// messages are livekit-server's (<c>pkg/service/auth.go</c>, <c>utils.go</c>), with our detail after the colon.
/// </summary>
public sealed record LiveKitTokenCheck(int Status, string Message, string? Identity = null, string? Name = null, string? Room = null, LiveKitRoom? Target = null)
{
    public const string RoomMissing = "requested room does not exist";
    public const string NoPermission = "no permissions to access the room";
    public const string BadAuthorizationHeader = "invalid authorization header. Must start with Bearer ";
    private const string InvalidToken = "invalid authorization token";
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    public bool Ok => Status == 200;

    /// <summary>
    /// HS256 only; <c>iss</c> must be this instance's key; signature; <c>exp</c> present and not past, <c>nbf</c> not in
    /// the future (60 s leeway each); <c>sub</c> non-empty (400); <c>video.roomJoin</c> and a room not ended (404).
    /// </summary>
    public static LiveKitTokenCheck Run(string? token, LiveKitTokens keys, DateTimeOffset now, Func<string, LiveKitRoom?> findRoom)
    {
        if (string.IsNullOrEmpty(token)) return new(401, NoPermission);
        var parts = token.Split('.');
        if (parts.Length != 3) return new(401, InvalidToken);
        JsonObject header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject ?? throw new FormatException();
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject ?? throw new FormatException();
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return new(401, InvalidToken);
        }
        if (Str(header, "alg") != "HS256") return new(401, InvalidToken + ": unsupported algorithm");
        if (Str(claims, "iss") != keys.ApiKey) return new(401, "invalid API key");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(keys.Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature)) return new(401, InvalidToken + ": signature is invalid");
        var t = now.ToUnixTimeSeconds();
        var exp = Num(claims, "exp");
        if (exp is null) return new(401, InvalidToken + ": exp claim is required");
        if (t > exp + (long)Leeway.TotalSeconds) return new(401, InvalidToken + ": token is expired");
        if (Num(claims, "nbf") is { } nbf && nbf > t + (long)Leeway.TotalSeconds) return new(401, InvalidToken + ": token is not valid yet");
        var sub = Str(claims, "sub");
        if (string.IsNullOrEmpty(sub)) return new(400, "identity cannot be empty");
        var video = claims["video"] as JsonObject;
        var room = video is null ? null : Str(video, "room");
        var roomJoin = video?["roomJoin"] is JsonValue j && j.TryGetValue<bool>(out var b) && b;
        if (!roomJoin) return new(401, "permissions denied");
        var target = string.IsNullOrEmpty(room) ? null : findRoom(room);
        if (target is null || target.Ended) return new(404, RoomMissing, sub, Str(claims, "name"), room);
        return new(200, "success", sub, Str(claims, "name"), room, target);
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Num(JsonObject o, string name)
    {
        if (o[name] is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        return v.TryGetValue<double>(out var d) && double.IsFinite(d) ? (long)d : null;
    }
}
