using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// <c>POST /v1/streaming.task</c>, <c>.interrupt</c>, <c>.start_listening</c>, <c>.stop_listening</c>: what the avatar
/// says and when it stops. Rules: <see cref="TaskRequest.Read"/> for the body, then the session must be connected.
/// Errors: 401 400112 (auth, missing session_id), 404 10006 (unknown or another key's session), 400 40001/400175
/// (text, task_type, task_mode; text over <c>Emulator:MaxTaskTextLength</c>; speech ending after the session's duration
/// limit), 400 10001/10002/10004/10005 (not connected), 400 400006 (v2, no LiveKit client in the room, only with
/// <c>Emulator:RequireClientInRoomForTasks</c>), 503 50003 (speech could not be synthesised, e.g. timed out). Scenarios: docs/endpoints.md
/// (features/tasks.feature first).
/// </summary>
public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/streaming.task", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var request = TaskRequest.Read(body, sessions.MaxTaskTextLength);
                var session = api.Session(context, caller, request.SessionId);
                SessionRules.Require(session, SessionRules.Interact);
                sessions.RequireClientInRoom(session);
                var task = await sessions.SpeakAsync(session, request.Type, request.Mode, request.Text, context.RequestAborted);
                return Envelope.Success(new TaskData(task.TaskId, task.Duration.TotalMilliseconds));
            })
            .WithName("SendTask").WithTags("Streaming")
            .WithSummary("Make the avatar speak: repeat says the text; talk/chat say the emulator's deterministic reply.")
            .AcceptsJson<TaskRequest>().Produces<SuccessEnvelope<TaskData>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

        v1.MapSessionCall("/streaming.interrupt", "Interrupt", "Stop speaking now and drop queued tasks.",
            SessionRules.Interact, (s, session) => s.Interrupt(session));
        v1.MapSessionCall("/streaming.start_listening", "StartListening", "Enter listening mode.",
            SessionRules.Interact, (s, session) => s.SetListening(session, true));
        v1.MapSessionCall("/streaming.stop_listening", "StopListening", "Leave listening mode.",
            SessionRules.Interact, (s, session) => s.SetListening(session, false));
    }
}
