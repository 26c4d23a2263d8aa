using System.Security.Cryptography;
using HeyGenEmulator.Api;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// Media that only negotiates on paper: a syntactically valid SDP offer (so v1 clients can set it), answers
/// checked for shape, speech timed by <see cref="SpeechEstimate"/>. No packets are sent.
/// </summary>
public sealed class SignallingOnlyMedia : ISessionMedia
{
    public SessionDescriptionWire? CreateOffer(Session session)
    {
        if (session.Spec.Version != "v1") return null;
        var ufrag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var pwd = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var fingerprint = string.Join(':', RandomNumberGenerator.GetBytes(32).Select(b => b.ToString("X2")));
        var (videoPt, videoCodec) = session.Spec.VideoEncoding == "H264" ? (102, "H264/90000") : (96, "VP8/90000");
        var videoFmtp = session.Spec.VideoEncoding == "H264"
            ? "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n" : "";
        var common = $"c=IN IP4 127.0.0.1\r\na=ice-ufrag:{ufrag}\r\na=ice-pwd:{pwd}\r\na=fingerprint:sha-256 {fingerprint}\r\na=setup:actpass\r\na=rtcp-mux\r\na=sendonly\r\n";
        var sdp = "v=0\r\n" +
                  $"o=- {RandomNumberGenerator.GetInt32(int.MaxValue)} 2 IN IP4 127.0.0.1\r\n" +
                  "s=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=ice-lite\r\na=msid-semantic: WMS avatar\r\n" +
                  "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + common + "a=mid:0\r\na=msid:avatar audio\r\n" +
                  "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=ssrc:1001 cname:avatar\r\n" +
                  $"m=video 9 UDP/TLS/RTP/SAVPF {videoPt}\r\n" + common + "a=mid:1\r\na=msid:avatar video\r\n" +
                  $"a=rtpmap:{videoPt} {videoCodec}\r\n{videoFmtp}a=rtcp-fb:{videoPt} nack\r\na=rtcp-fb:{videoPt} nack pli\r\na=ssrc:2002 cname:avatar\r\n";
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
