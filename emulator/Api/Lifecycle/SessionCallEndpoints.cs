using System.Text.Json.Serialization;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

public sealed record SessionIdRequest([property: JsonPropertyName("session_id")] string SessionId);

/// <summary>
/// <c>POST /v1/streaming.keep_alive</c> and <c>.stop</c>, and the shape they share with interrupt and the listening
/// calls: a body with only <c>session_id</c>, a state rule, an empty success. Errors: 401 400112, 404 10006, 400
/// 10004/10005 (closing, closed). Scenarios: docs/endpoints.md.
/// </summary>
public static class SessionCallEndpoints
{
    public static void MapLifecycleEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapSessionCall("/streaming.keep_alive", "KeepAlive", "Reset the idle timer.", SessionRules.KeepAlive, (s, session) => s.KeepAlive(session));
        v1.MapSessionCall("/streaming.stop", "StopSession", "Close the session.", SessionRules.Stop, (s, session) => s.Stop(session));
    }

    internal static void MapSessionCall(this RouteGroupBuilder group, string path, string name, string summary,
        SessionState[] allowed, Action<SessionManager, Session> act) =>
        group.MapPost(path, async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var session = api.Session(context, caller, SessionIdField.Read(body));
                SessionRules.Require(session, allowed);
                act(sessions, session);
                return Envelope.Success<object>(null);
            })
            .WithName(name).WithTags("Streaming").WithSummary(summary)
            .AcceptsJson<SessionIdRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);
}
