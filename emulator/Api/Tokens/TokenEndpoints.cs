using HeyGenEmulator.Clock;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder v1)
    {
        // HeyGen's own demo posts no body and no Content-Type; older servers wanted JSON. Both work here.
        v1.MapPost("/streaming.create_token", (HttpContext context, ApiCall api, TokenStore tokens, EmulatorClock clock) =>
            {
                var caller = api.Authenticate(context, apiKeyOnly: true);
                return Envelope.Token(tokens.Issue(caller.Key, clock.GetUtcNow()).Value);
            })
            .WithName("CreateToken").WithTags("Streaming")
            .WithSummary("Create a one-time session token (X-Api-Key).")
            .Produces<DataEnvelope<TokenData>>().Produces<ErrorBody>(401);
    }
}
