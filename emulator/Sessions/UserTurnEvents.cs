using System.Text.Json.Nodes;
using HeyGenEmulator.LiveKit;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// Where a user turn's events go, in the order a turn produces them. One sink per wire, each speaking for its own
/// sessions: HeyGen's Streaming API (<see cref="StreamingTurnEvents"/>) and LiveAvatar's agent
/// (<see cref="LiveAvatarTurnEvents"/>: <c>user.speak_started</c>, transcription, <c>user.speak_ended</c> on
/// <c>agent-response</c>).
/// </summary>
public interface IUserTurnEvents
{
    /// <summary>The task ends when the event has left (bounded by the caller): barge-in's stop must not overtake it.</summary>
    Task UserStarted(string sessionId);

    /// <summary>What the user said in the turn <paramref name="turnId"/> (also the reply task's id).</summary>
    void UserTranscript(string sessionId, string turnId, string text);

    void UserStopped(string sessionId);
}

/// <summary>
/// HeyGen's Streaming API: <c>user_start</c> / <c>user_stop</c> on the chat socket as <c>{"event_type":…}</c>
/// (SDK-SRC <c>StreamingWebSocketEventTypes</c>), the transcript on LiveKit data as the avatar's events are sent:
/// one <c>{"type":"user_talking_message","task_id","message"}</c> per word (the message carries its trailing space, so
/// clients that join the chunks, as HeyGen's demo does, get the sentence), then <c>{"type":"user_end_message","task_id"}</c>
/// (SDK-SRC <c>UserTalkingMessageEvent</c>, <c>UserTalkingEndEvent</c>).
/// </summary>
public sealed class StreamingTurnEvents(ChatSockets chats, LiveKitRooms rooms) : IUserTurnEvents
{
    public Task UserStarted(string sessionId) =>
        HasAgent(sessionId) ? Task.CompletedTask : chats.UserSpeaking(sessionId, true);

    public void UserStopped(string sessionId)
    {
        if (!HasAgent(sessionId)) _ = chats.UserSpeaking(sessionId, false);
    }

    /// <summary>A room with an agent is LiveAvatar's, whose sink reports its turns.</summary>
    private bool HasAgent(string sessionId) => rooms.Find(sessionId)?.Agent is not null;

    public void UserTranscript(string sessionId, string turnId, string text)
    {
        if (HasAgent(sessionId)) return;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int delivered = 0;
        for (int i = 0; i < words.Length; i++)
        {
            var message = i < words.Length - 1 ? words[i] + " " : words[i];
            if (rooms.SendAvatarEvent(sessionId, new JsonObject { ["type"] = "user_talking_message", ["task_id"] = turnId, ["message"] = message }, journaled: false))
                delivered++;
        }
        rooms.JournalTalkingMessages(sessionId, turnId, words.Length, delivered, "user_talking_message");
        rooms.SendAvatarEvent(sessionId, new JsonObject { ["type"] = "user_end_message", ["task_id"] = turnId });
    }
}

/// <summary>LiveAvatar FULL mode: the turn goes to the session's agent, which words it for <c>agent-response</c>.</summary>
public sealed class LiveAvatarTurnEvents(LiveKitRooms rooms) : IUserTurnEvents
{
    public Task UserStarted(string sessionId)
    {
        Agent(sessionId)?.UserStarted();
        return Task.CompletedTask;
    }

    public void UserTranscript(string sessionId, string turnId, string text) => Agent(sessionId)?.UserTranscript(text);

    public void UserStopped(string sessionId) => Agent(sessionId)?.UserStopped();

    private LiveAvatarAgent? Agent(string sessionId) => rooms.Find(sessionId)?.Agent as LiveAvatarAgent;
}
