using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// <c>POST /v1/streaming.start</c> and <c>POST /v1/streaming.ice</c>; their rules are <see cref="StartRequests"/>.
/// Errors: 401 400112 (auth, missing session_id), 404 10006 (unknown or another key's session), 400 10002–10005
/// (state), 400 40001/400175 (fields, answer, candidate), 503 50003 (media could not start). Scenarios: docs/endpoints.md.
/// </summary>
public static class StartEndpoints
{
    public static void MapStartEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/streaming.start", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var id = SessionIdField.Read(body);
                var answer = StartRequests.ReadAnswer(body);
                var session = api.Session(context, caller, id);
                var accepted = StartRequests.CheckAnswer(session, answer);
                await sessions.StartAsync(session, accepted, context.RequestAborted);
                return Envelope.Success<object>(null);
            })
            .WithName("StartSession").WithTags("Streaming")
            .WithSummary("Start streaming; v1 sessions send their SDP answer here.")
            .AcceptsJson<StartSessionRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

        v1.MapPost("/streaming.ice", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var id = SessionIdField.Read(body);
                var candidate = StartRequests.ReadCandidate(body);
                var session = api.Session(context, caller, id);
                StartRequests.CheckCandidate(session, candidate);
                sessions.AddCandidate(session);
                return Envelope.Success<object>(null);
            })
            .WithName("SubmitIce").WithTags("Streaming")
            .WithSummary("Trickle a client ICE candidate (v1 raw WebRTC).")
            .AcceptsJson<IceRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);
    }
}
