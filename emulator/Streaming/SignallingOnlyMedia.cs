using System.Security.Cryptography;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// Media that only negotiates on paper (<c>Emulator:Media:Enabled=false</c>): a well-formed offer from the engine's
/// SDP builder (so v1 clients can set it, and answers are validated against it exactly as with media on), speech
/// timed by <see cref="SpeechEstimate"/>. No packets are sent.
/// </summary>
public sealed class SignallingOnlyMedia : ISessionMedia
{
    public string? CreateOffer(MediaSession session)
    {
        var credentials = IceCredentials.Generate();
        return SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = credentials.Ufrag,
            IcePwd = credentials.Pwd,
            // Nobody will ever connect, so a random digest stands in for a certificate's.
            Fingerprint = SdpFingerprint.Sha256(RandomNumberGenerator.GetBytes(32)),
            ConnectionAddress = "127.0.0.1",
            Port = 9,
            // The same shape as the engine's offer (a host candidate, actpass), so clients and validation see no difference.
            Candidates = [new SdpHostCandidate("127.0.0.1", 9)],
            Setup = SdpSetup.ActPass,
            VideoCodec = session.Codec == VideoCodec.H264 ? SdpVideoCodec.H264 : SdpVideoCodec.Vp8,
            AudioSsrc = 1001,
            VideoSsrc = 2002,
            Cname = "heygen-" + session.ShortId,
            StreamId = "heygen-" + session.ShortId,
        });
    }

    public Task StartAsync(MediaSession session, RemoteAnswer? answer, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SpeechClip> PrepareSpeechAsync(MediaSession session, string text, CancellationToken cancellationToken) =>
        Task.FromResult(new SpeechClip(text, SpeechEstimate.For(text, session.VoiceRate)));

    public void Speak(MediaSession session, SpokenTask task) { }

    public void Interrupt(string sessionId) { }

    public void Close(string sessionId, string reason) { }
}
