using System.Text.Json.Nodes;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// What clients say outside the REST API — chat-socket text frames, LiveKit data messages, utterances — reaches
/// the session here: text becomes a talk task with the deterministic reply, utterances become voice turns (<see cref="VoiceTurns"/>).
/// Nobody waits for these tasks, so the session layer bounds them (<see cref="SessionManager.SpeakAsync"/>: text
/// length, time left, synthesis stopped when the session closes or is interrupted); a refusal is journaled as
/// <c>task_refused</c> with its reason, and nothing is synthesised for it.
/// </summary>
public sealed class ClientSpeech(SessionManager sessions, ChatSockets chats, VoiceTurns turns, LiveKitJournal journal, ILogger<ClientSpeech> log) : IClientInput
{
    public bool WantsUtteranceAudio => turns.RecognizerConfigured;

    public void UserStarted(string sessionId) => turns.Started(sessionId);

    public void UserStopped(string sessionId, Utterance utterance) => turns.Stopped(sessionId, utterance);

    public void UserText(string sessionId, string text, ClientChannel channel)
    {
        chats.UserText(sessionId);
        _ = TalkAsync(sessionId, text, channel);
    }

    private async Task TalkAsync(string sessionId, string text, ClientChannel channel)
    {
        try
        {
            if (sessions.FindAny(sessionId) is not { } session) return;
            await sessions.SpeakAsync(session, TaskType.Talk, TaskMode.Async, text, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HeyGenException e)
        {
            journal.Record(sessionId, channel.Method, channel.Path, e.Error.Status, "task_refused",
                new JsonObject { ["message"] = e.Error.Message }, channel.Kind);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Session {SessionId}: task from {Path} failed", sessionId, channel.Path);
        }
    }
}
