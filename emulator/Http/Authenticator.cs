using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Http;

/// <summary>Who is calling: an API key, and the session token when the call came with one.</summary>
public sealed record Caller(ApiKey Key, SessionToken? Token);

/// <summary>
/// HeyGen's auth: <c>X-Api-Key</c> (any header case), or <c>Authorization: Bearer</c> with a session token
/// (or, as HeyGen's docs show for keep_alive, the API key itself). Anything else is 401 400112.
/// </summary>
public sealed class Authenticator(ApiKeyRegistry keys, TokenStore tokens)
{
    public Caller Authenticate(HttpRequest request, bool apiKeyOnly = false)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var apiKeyHeader))
            return new Caller(keys.Find(apiKeyHeader.ToString()) ?? throw HeyGenErrors.Unauthorized.ToException(), null);

        var bearer = BearerValue(request);
        if (bearer is null) throw HeyGenErrors.Unauthorized.ToException();
        if (keys.Find(bearer) is { } key) return new Caller(key, null);
        if (!apiKeyOnly && tokens.Find(bearer) is { } token) return new Caller(token.Owner, token);
        throw HeyGenErrors.Unauthorized.ToException();
    }

    /// <summary>The value of <c>Authorization: Bearer …</c>, or null when there is none.</summary>
    public static string? BearerValue(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var value = header[prefix.Length..].Trim();
        return value.Length == 0 ? null : value;
    }
}
