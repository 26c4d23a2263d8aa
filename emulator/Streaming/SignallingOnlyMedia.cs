using System.Security.Cryptography;
using HeyGenEmulator.Api;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// Media that only negotiates on paper (<c>Emulator:Media:Enabled=false</c>): a well-formed offer from the engine's
/// SDP builder (so v1 clients can set it), speech timed by <see cref="SpeechEstimate"/>. No packets are sent.
/// </summary>
public sealed class SignallingOnlyMedia : ISessionMedia
{
    public SessionDescriptionWire? CreateOffer(Session session)
    {
        if (session.Spec.Version != "v1") return null;
        var credentials = IceCredentials.Generate();
        var sdp = SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = credentials.Ufrag,
            IcePwd = credentials.Pwd,
            // Nobody will ever connect, so a random digest stands in for a certificate's.
            Fingerprint = SdpFingerprint.Sha256(RandomNumberGenerator.GetBytes(32)),
            ConnectionAddress = "127.0.0.1",
            Port = 9,
            VideoCodec = session.Spec.VideoEncoding == "H264" ? SdpVideoCodec.H264 : SdpVideoCodec.Vp8,
            AudioSsrc = 1001,
            VideoSsrc = 2002,
            Cname = "heygen-" + session.Id[..8],
            StreamId = "heygen-" + session.Id[..8],
        });
        return new SessionDescriptionWire("offer", sdp);
    }

    public Task StartAsync(Session session, SessionDescriptionWire? answer, CancellationToken cancellationToken) => Task.CompletedTask;

    public void AddRemoteCandidate(Session session, IceCandidateWire candidate) { }

    public Task<SpeechClip> PrepareSpeechAsync(Session session, string text, CancellationToken cancellationToken) =>
        Task.FromResult(new SpeechClip(text, SpeechEstimate.For(text, session.Spec.VoiceRate)));

    public void Speak(Session session, SpeechTask task, SpeechClip clip) { }

    public void Interrupt(Session session) { }

    public void Close(Session session, string reason) { }
}
