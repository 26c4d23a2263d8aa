using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Http;

/// <summary>The first two steps of every endpoint: authenticate, then read the body (in that order, as HeyGen does).</summary>
public sealed class ApiCall(Authenticator auth, SessionManager sessions, IOptions<EmulatorOptions> options)
{
    public Caller Authenticate(HttpContext context, bool apiKeyOnly = false)
    {
        var caller = auth.Authenticate(context.Request, apiKeyOnly);
        context.Items[ApiPipeline.CallerItem] = caller;
        return caller;
    }

    public async Task<(Caller Caller, JsonFields Body)> ReadAsync(HttpContext context, bool apiKeyOnly = false)
    {
        var caller = Authenticate(context, apiKeyOnly);
        var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        return (caller, body);
    }

    /// <summary>
    /// The caller's session (404 10006 otherwise), remembered for the journal. A session token that created a session
    /// speaks for that session only (401 400112 on another one), as the chat socket checks it.
    /// </summary>
    public Session Session(HttpContext context, Caller caller, string sessionId)
    {
        context.Items[ApiPipeline.SessionIdItem] = sessionId;
        if (caller.Token?.SessionId is { } bound && !string.Equals(bound, sessionId, StringComparison.Ordinal))
            throw HeyGenErrors.Unauthorized.ToException();
        return sessions.Get(caller.Key, sessionId);
    }
}
