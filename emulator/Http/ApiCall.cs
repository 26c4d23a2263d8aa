using HeyGenEmulator.Configuration;
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

    public async Task<(Caller Caller, JsonFields Body)> ReadAsync(HttpContext context)
    {
        var caller = Authenticate(context);
        var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        return (caller, body);
    }

    /// <summary>The caller's session (404 10006 otherwise), remembered for the journal.</summary>
    public Session Session(HttpContext context, Caller caller, string sessionId)
    {
        context.Items[ApiPipeline.SessionIdItem] = sessionId;
        return sessions.Get(caller.Key, sessionId);
    }
}
