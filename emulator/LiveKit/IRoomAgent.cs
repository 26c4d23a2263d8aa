using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// A participant of the room besides the avatar, played by the emulator: LiveAvatar's agent
/// (<c>liveavatar-agent-&lt;session_id&gt;</c>), which takes the client's commands on one data topic and answers on
/// another. A room with an agent lists it in JoinResponse beside the avatar and hands it every data packet the client
/// publishes (the HeyGen path — text becomes a talk task — is for rooms without one). It also reports the avatar's
/// speech in its API's words.
/// </summary>
public interface IRoomAgent : ITalkEvents
{
    string Identity { get; }

    /// <summary>A data packet the client published (over its publisher connection), with its topic when it had one.</summary>
    void OnClientData(string? topic, string payload);

    /// <summary>Whether only push-to-talk windows bound the client's utterances (the microphone's VAD opens none).</summary>
    bool PushToTalkOnly { get; }

    /// <summary>The room is about to end (the session closed for <paramref name="reason"/>): last words before the leave.</summary>
    void Ending(string reason);
}

/// <summary>How a room reports the avatar's speech, word by word on the emulator clock (<see cref="AvatarEvents"/>).</summary>
public interface ITalkEvents
{
    void Started(string sessionId, SpokenTask task);

    /// <summary>One word of the task (with its trailing space when more follow); true when delivered.</summary>
    bool Word(string sessionId, SpokenTask task, string word);

    /// <summary>The task ended or was cut short after <paramref name="spoken"/>.</summary>
    void Ended(string sessionId, SpokenTask task, TimeSpan spoken, int words, int delivered);
}
