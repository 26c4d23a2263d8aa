using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/streaming.task", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var request = Requests.Task(body);
                var session = api.Session(context, caller, request.SessionId);
                var spoken = Replies.SpokenText(request.TaskType!, request.Text);
                var task = await sessions.SpeakAsync(session, request.TaskType!, request.TaskMode!, request.Text, spoken, context.RequestAborted);
                return Envelope.Success(new TaskData(task.TaskId, task.Duration.TotalMilliseconds));
            })
            .WithName("SendTask").WithTags("Streaming")
            .WithSummary("Make the avatar speak: repeat says the text; talk/chat say the emulator's deterministic reply.")
            .AcceptsJson<TaskRequest>().Produces<SuccessEnvelope<TaskData>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

        SessionEndpoints.MapSessionCall(v1, "/streaming.interrupt", "Interrupt", "Stop speaking now and drop queued tasks.", (s, session) => s.Interrupt(session));
        SessionEndpoints.MapSessionCall(v1, "/streaming.start_listening", "StartListening", "Enter listening mode.", (s, session) => s.SetListening(session, true));
        SessionEndpoints.MapSessionCall(v1, "/streaming.stop_listening", "StopListening", "Leave listening mode.", (s, session) => s.SetListening(session, false));
    }
}

/// <summary>
/// No LLM stands behind the emulator: "repeat" speaks the text itself; "talk" and "chat" speak a fixed echo,
/// so tests can predict every word.
/// </summary>
public static class Replies
{
    public const string TalkPrefix = "You said: ";

    public static string SpokenText(string taskType, string text) =>
        taskType == "repeat" ? text : TalkPrefix + text.Trim();
}
