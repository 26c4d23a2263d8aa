using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;

namespace HeyGenEmulator.Api;

/// <summary>The <c>session_id</c> every session call needs.</summary>
public static class SessionIdField
{
    /// <summary>
    /// HeyGen answers a missing or blank one with 401 400112 (seen on streaming.task, GH-SDK24), since the session is
    /// what the token is checked against.
    /// </summary>
    public static string Read(JsonFields body)
    {
        var id = body.Has("session_id") ? body.String("session_id") : null;
        if (string.IsNullOrWhiteSpace(id)) throw HeyGenErrors.Unauthorized.ToException();
        return id.Trim();
    }
}
