using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Sessions;

public sealed class SessionToken(string value, ApiKey owner, DateTimeOffset issuedAt)
{
    public string Value { get; } = value;
    public ApiKey Owner { get; } = owner;
    public DateTimeOffset IssuedAt { get; } = issuedAt;
    /// <summary>Set by the one streaming.new this token may create; the token then stays valid for that session.</summary>
    public string? SessionId { get; internal set; }
}

/// <summary>Session tokens from streaming.create_token: single use for streaming.new, Bearer for the session afterwards.</summary>
public sealed class TokenStore
{
    /// <summary>An unused token lapses this long after issue.</summary>
    public static readonly TimeSpan UnusedLifetime = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, SessionToken> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    public SessionToken Issue(ApiKey owner, DateTimeOffset now)
    {
        // Real tokens are base64 JSON starting {"token": (so they begin "eyJ0b2tlbiI6"); clients treat them as opaque,
        // but matching the shape keeps logs and fixtures looking familiar. Includes '+', '/', '=' as real ones can.
        var json = $"{{\"token\":\"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\",\"token_type\":\"session\",\"created_at\":{now.ToUnixTimeSeconds()}}}";
        var token = new SessionToken(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), owner, now);
        _tokens[token.Value] = token;
        return token;
    }

    public SessionToken? Find(string value) => _tokens.TryGetValue(value, out var token) ? token : null;

    /// <summary>Binds the token to a new session; false when it was already used.</summary>
    public bool TryConsume(SessionToken token, string sessionId)
    {
        lock (token)
        {
            if (token.SessionId is not null) return false;
            token.SessionId = sessionId;
            return true;
        }
    }

    public void Clear() => _tokens.Clear();

    /// <summary>
    /// Forgets unused tokens <see cref="UnusedLifetime"/> after issue, and used ones once their session no longer
    /// keeps them (<paramref name="sessionKeeps"/>: open, or closed within the hour the session layer still answers).
    /// </summary>
    public void Sweep(DateTimeOffset now, Func<string, bool> sessionKeeps)
    {
        foreach (var token in _tokens.Values)
        {
            var expired = token.SessionId is { } sessionId ? !sessionKeeps(sessionId) : now - token.IssuedAt >= UnusedLifetime;
            if (expired) _tokens.TryRemove(token.Value, out _);
        }
    }
}
