namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Where what a client says on a socket goes: text becomes a talk task, an utterance (voice activity or push-to-talk)
/// becomes a user turn. The session layer implements it; this layer only reports what arrived, so no call runs back
/// up into it. Calls come on media and socket threads: implementations hand the work off and return at once.
/// </summary>
public interface IClientInput
{
    void UserText(string sessionId, string text, ClientChannel channel);

    /// <summary>The user started speaking (the VAD heard speech, or push-to-talk opened).</summary>
    void UserStarted(string sessionId);

    /// <summary>The utterance ended (the VAD's hangover passed, or push-to-talk closed).</summary>
    void UserStopped(string sessionId, Utterance utterance);

    /// <summary>Whether utterances should carry their audio (a recogniser will read it); otherwise none is kept.</summary>
    bool WantsUtteranceAudio { get; }
}

/// <summary>Which socket the input came on, as the journal names it.</summary>
public sealed record ClientChannel(string Method, string Path, string Kind)
{
    public const string ChatPath = "/v1/ws/streaming.chat";

    public static ClientChannel ChatSocket { get; } = new("WS", ChatPath, LiveKitJournal.ChatKind);
    public static ClientChannel LiveKitData { get; } = new("DATA", "/rtc#publisher", LiveKitJournal.Kind);
}
