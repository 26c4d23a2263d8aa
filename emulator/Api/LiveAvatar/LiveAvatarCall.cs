using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

/// <summary>
/// LiveAvatar's auth (liveavatar-wire.md §1): <c>X-API-KEY</c> for the backend's calls, <c>Authorization: Bearer</c>
/// with a session token for the SDK's. No credential at all is FastAPI's 403 4003 "Not authenticated"; one
/// that is not LiveAvatar's — a HeyGen key, a forged or expired token — is 401 4001 (ours). A body that fails its
/// rules is 422 4000 "Request validation errors. body: …".
/// </summary>
public sealed class LiveAvatarCall(LiveAvatarKeyRegistry keys, LiveAvatarSessions sessions, IOptions<EmulatorOptions> options)
{
    public ApiKey Key(HttpContext context)
    {
        var header = context.Request.Headers["X-API-KEY"].ToString();
        if (header.Length == 0) throw LiveAvatarErrors.NotAuthenticated.ToException();
        var key = keys.Find(header) ?? throw LiveAvatarErrors.InvalidCredential.ToException();
        context.Items[ApiPipeline.CallerItem] = new Caller(key, null);
        return key;
    }

    /// <summary>The session a Bearer session token names.</summary>
    public Session Bearer(HttpContext context)
    {
        var token = Authenticator.BearerValue(context.Request) ?? throw LiveAvatarErrors.NotAuthenticated.ToException();
        var session = sessions.FromToken(token) ?? throw LiveAvatarErrors.InvalidCredential.ToException();
        Remember(context, session);
        return session;
    }

    /// <summary>
    /// <c>/stop</c> and <c>/keep-alive</c> take either credential (OAS; HeyGen's starter stops with the API key):
    /// the Bearer token's session, or the key's <c>session_id</c> from the body.
    /// </summary>
    public async Task<Session> BearerOrKeyAsync(HttpContext context)
    {
        if (Authenticator.BearerValue(context.Request) is not null || context.Request.Headers["X-API-KEY"].Count == 0) return Bearer(context);
        var key = Key(context);
        var body = await BodyAsync(context);
        var id = Validated(() => body.String("session_id")) ?? throw LiveAvatarErrors.Validation("body.session_id: Field required").ToException();
        var session = sessions.Find(key, id) ?? throw LiveAvatarErrors.SessionNotFound.ToException();
        Remember(context, session);
        return session;
    }

    /// <summary>The body as one JSON object; anything else is the 422.</summary>
    public async Task<JsonFields> BodyAsync(HttpContext context)
    {
        try
        {
            return await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        }
        catch (HeyGenException e) when (e.Error.Status == 400)
        {
            throw LiveAvatarErrors.Validation("body: " + e.Error.Message).ToException();
        }
    }

    /// <summary>Runs a field reader, turning its HeyGen 400 into LiveAvatar's 422.</summary>
    public static T Validated<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (HeyGenException e) when (e.Error.Shape == ErrorShape.HeyGen && e.Error.Status == 400)
        {
            throw LiveAvatarErrors.Validation("body: " + e.Error.Message).ToException();
        }
    }

    private static void Remember(HttpContext context, Session session)
    {
        context.Items[ApiPipeline.SessionIdItem] = session.Id;
        context.Items[ApiPipeline.CallerItem] = new Caller(session.Owner, null);
    }
}
