using HeyGenEmulator.Api;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Wraps the session media (<see cref="ISessionMedia"/>) for v2 sessions: start makes the avatar join the LiveKit room,
/// tasks drive the avatar events (and the room's speech, when real media is on), interrupt ends them, and close sends
/// the room's <c>leave</c> and closes the chat sockets. v1 sessions pass straight through.
/// </summary>
public sealed class LiveKitSessionMedia(ISessionMedia inner, LiveKitRooms rooms, AvatarEvents events, ChatSockets chats,
    ILiveKitSpeech? speech = null) : ISessionMedia
{
    public ISessionMedia Inner => inner;

    private static bool IsLiveKit(Session session) => session.Spec.Version == "v2";

    public SessionDescriptionWire? CreateOffer(Session session) => inner.CreateOffer(session);

    public async Task StartAsync(Session session, SessionDescriptionWire? answer, CancellationToken cancellationToken)
    {
        await inner.StartAsync(session, answer, cancellationToken).ConfigureAwait(false);
        if (IsLiveKit(session)) await rooms.AvatarJoinedAsync(session).ConfigureAwait(false);
    }

    public void AddRemoteCandidate(Session session, IceCandidateWire candidate) => inner.AddRemoteCandidate(session, candidate);

    public Task<SpeechClip> PrepareSpeechAsync(Session session, string text, CancellationToken cancellationToken) =>
        IsLiveKit(session) && speech is not null
            ? speech.PrepareAsync(session, text, cancellationToken)
            : inner.PrepareSpeechAsync(session, text, cancellationToken);

    public void Speak(Session session, SpeechTask task, SpeechClip clip)
    {
        inner.Speak(session, task, clip);
        if (!IsLiveKit(session)) return;
        speech?.Speak(session, clip);
        events.Start(session, task);
    }

    public void Interrupt(Session session)
    {
        inner.Interrupt(session);
        if (!IsLiveKit(session)) return;
        speech?.Interrupt(session);
        events.Interrupt(session);
    }

    public void Close(Session session, string reason)
    {
        try
        {
            inner.Close(session, reason);
        }
        finally
        {
            if (IsLiveKit(session))
            {
                events.Forget(session);
                rooms.End(session, reason);
            }
            chats.End(session.Id);
        }
    }
}

/// <summary>Real speech for LiveKit rooms (the engine's synthesiser and the room's audio feed).</summary>
public interface ILiveKitSpeech
{
    Task<SpeechClip> PrepareAsync(Session session, string text, CancellationToken cancellationToken);
    void Speak(Session session, SpeechClip clip);
    void Interrupt(Session session);
}
