using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The media of a v2 session: its LiveKit room. streaming.new opens the room, start makes the avatar join it, tasks
/// drive the avatar events and the room's speech, interrupt ends them, and close sends the room's <c>leave</c>. A
/// LiveAvatar session's media is the same room with an agent in it (<see cref="IRoomAgent"/>), which words the events.
/// </summary>
public sealed class LiveKitSessionMedia(LiveKitRooms rooms, AvatarEvents events, ILiveKitSpeech speech) : ISessionMedia
{
    public string? CreateOffer(MediaSession session)
    {
        rooms.Open(session);
        return null;
    }

    public Task StartAsync(MediaSession session, RemoteAnswer? answer, CancellationToken cancellationToken) =>
        rooms.AvatarJoinedAsync(session.Id);

    public Task<SpeechClip> PrepareSpeechAsync(MediaSession session, string text, CancellationToken cancellationToken) =>
        speech.PrepareAsync(session, text, cancellationToken);

    public void Speak(MediaSession session, SpokenTask task)
    {
        speech.Speak(session.Id, task.Clip);
        events.Start(session.Id, task, rooms.Find(session.Id)?.Agent);
    }

    /// <summary>Streamed speech (PCM s16le, 24 kHz, mono) onto the avatar's audio track as it arrives.</summary>
    public void StreamSpeech(string sessionId, ReadOnlySpan<byte> pcm) => speech.Stream(sessionId, pcm);

    /// <summary>The streamed utterance ended: its last partial packet plays too.</summary>
    public void EndSpeechStream(string sessionId) => speech.EndStream(sessionId);

    public void Interrupt(string sessionId)
    {
        speech.Interrupt(sessionId);
        events.Interrupt(sessionId);
    }

    public void Close(string sessionId, string reason)
    {
        events.Interrupt(sessionId);
        rooms.Find(sessionId)?.Agent?.Ending(reason);
        rooms.End(sessionId, reason);
    }
}

/// <summary>Speech for LiveKit rooms: real (the engine's synthesiser into the room's feed) or estimated when media is off.</summary>
public interface ILiveKitSpeech
{
    Task<SpeechClip> PrepareAsync(MediaSession session, string text, CancellationToken cancellationToken);
    void Speak(string sessionId, SpeechClip clip);
    void Stream(string sessionId, ReadOnlySpan<byte> pcm);
    void EndStream(string sessionId);
    void Interrupt(string sessionId);
}
