namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Where what a client says on a socket goes: text becomes a talk task, voice activity becomes user_start/user_stop.
/// The session layer implements it; this layer only reports what arrived, so no call runs back up into it.
/// </summary>
public interface IClientInput
{
    void UserText(string sessionId, string text, ClientChannel channel);

    void UserSpeaking(string sessionId, bool speaking);
}

/// <summary>Which socket the input came on, as the journal names it.</summary>
public sealed record ClientChannel(string Method, string Path, string Kind)
{
    public const string ChatPath = "/v1/ws/streaming.chat";

    public static ClientChannel ChatSocket { get; } = new("WS", ChatPath, LiveKitJournal.ChatKind);
    public static ClientChannel LiveKitData { get; } = new("DATA", "/rtc#publisher", LiveKitJournal.Kind);
}
