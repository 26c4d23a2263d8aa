using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;

namespace HeyGenEmulator.Streaming;

/// <summary>What the media of one session needs to know about it, in the media's own terms.</summary>
public sealed record MediaSession(string Id, Avatar Avatar, AvatarQuality Quality, VideoCodec Codec, double VoiceRate)
{
    /// <summary>A short tag for CNAMEs and log lines.</summary>
    public string ShortId => Id[..Math.Min(8, Id.Length)];
}

/// <summary>The browser's side of a v1 connection, taken from its (already validated) SDP answer.</summary>
public sealed record RemoteAnswer(string IceUfrag, string Fingerprint);

/// <summary>Speech ready to play: its text, real length and, when media is on, the encoded audio.</summary>
public sealed record SpeechClip(string Text, TimeSpan Duration, SpeechAudio? Audio = null);

/// <summary>A clip placed on the session's timeline (queued tasks start when the one before ends).</summary>
public sealed record SpokenTask(string TaskId, SpeechClip Clip, DateTimeOffset StartsAt)
{
    public TimeSpan Duration => Clip.Duration;
    public DateTimeOffset EndsAt => StartsAt + Clip.Duration;
}

/// <summary>
/// The media side of a session, called by the session layer once a request is valid and the state allows it
/// (request → validation → session → media). It reports facts and failures as plain exceptions, never HeyGen
/// errors: deciding what the API answers is not its business. Implementations must never throw on a peer's
/// misbehaviour.
/// </summary>
public interface ISessionMedia
{
    /// <summary>The server's SDP offer (v1), or null when the flow has none (v2 opens its LiveKit room here).</summary>
    string? CreateOffer(MediaSession session);

    /// <summary>Starts streaming; v1 gets the browser's validated answer.</summary>
    Task StartAsync(MediaSession session, RemoteAnswer? answer, CancellationToken cancellationToken);

    /// <summary>Turns text into speech and reports its real length.</summary>
    Task<SpeechClip> PrepareSpeechAsync(MediaSession session, string text, CancellationToken cancellationToken);

    void Speak(MediaSession session, SpokenTask task);

    void Interrupt(string sessionId);

    void Close(string sessionId, string reason);
}
