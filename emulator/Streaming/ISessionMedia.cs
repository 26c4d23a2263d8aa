using HeyGenEmulator.Api;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Streaming;

/// <summary>How long a piece of speech lasts, once prepared.</summary>
public sealed record SpeechClip(string Text, TimeSpan Duration);

/// <summary>
/// The media side of a session, driven by <see cref="SessionManager"/> after validation and state checks
/// (request → validation → session → media). Implementations must never throw on a peer's misbehaviour;
/// invalid client input (a bad SDP answer) is reported as a HeyGen error.
/// </summary>
public interface ISessionMedia
{
    /// <summary>The server's SDP offer for a v1 (raw WebRTC) session; null for v2 (LiveKit) sessions.</summary>
    SessionDescriptionWire? CreateOffer(Session session);

    /// <summary>Validates and applies the client's answer (v1) and starts streaming.</summary>
    Task StartAsync(Session session, SessionDescriptionWire? answer, CancellationToken cancellationToken);

    void AddRemoteCandidate(Session session, IceCandidateWire candidate);

    /// <summary>Turns text into speech and reports its real length.</summary>
    Task<SpeechClip> PrepareSpeechAsync(Session session, string text, CancellationToken cancellationToken);

    void Speak(Session session, SpeechTask task, SpeechClip clip);

    void Interrupt(Session session);

    void Close(Session session, string reason);
}
