using System.Collections.Concurrent;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Sdp;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// Real media for v1 (raw WebRTC) sessions: streaming.new gets an ICE-lite offer for a peer on the shared UDP port,
/// streaming.start arms the peer with the browser's (validated) answer, tasks speak through espeak-ng → Opus while the
/// video shows the talking loop.
/// <para>
/// Clip readiness: streaming.new starts loading/preparing the avatar's clips; streaming.start waits for them (so the
/// first frame the browser sees is the avatar, never a blank). With the default avatar prepared at startup and the
/// disk cache, that wait is normally zero.
/// </para>
/// </summary>
public sealed class WebRtcSessionMedia(MediaEngine engine, AvatarMediaLibrary library, SpeechSynthesizer synthesizer,
    IOptions<MediaSettings> settings, ILogger<WebRtcSessionMedia> log) : ISessionMedia
{
    private readonly ConcurrentDictionary<string, SessionPeer> _peers = new(StringComparer.Ordinal);

    private sealed record SessionPeer(WebRtcPeer Peer, AvatarFeed Feed, Task<AvatarClips> Clips);

    /// <summary>The peer behind a v1 session, for tests and diagnostics.</summary>
    public WebRtcPeer? PeerOf(string sessionId) => _peers.TryGetValue(sessionId, out var p) ? p.Peer : null;

    public string? CreateOffer(MediaSession session)
    {
        var clips = library.GetAsync(session.Avatar, session.Quality, session.Codec);
        clips.ContinueWith(static _ => { }, TaskContinuationOptions.OnlyOnFaulted); // observed in StartAsync
        var feed = new AvatarFeed();
        var codec = session.Codec == VideoCodec.H264 ? SdpVideoCodec.H264 : SdpVideoCodec.Vp8;
        var config = new PeerMediaConfig { VideoCodec = codec, Cname = "heygen-" + session.ShortId };
        var peer = engine.CreatePeer(feed, config, session.Id);
        peer.Closed += (p, reason) =>
        {
            if (!reason.StartsWith("session", StringComparison.Ordinal))
                log.LogInformation("Session {SessionId}: media ended ({Reason})", session.Id, reason);
        };
        var publicAddress = settings.Value.PublicAddress;
        var offer = SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = peer.LocalCredentials.Ufrag,
            IcePwd = peer.LocalCredentials.Pwd,
            Fingerprint = SdpFingerprint.Sha256(HeyGenEmulator.WebRtc.Dtls.DtlsFingerprint.Parse(engine.Certificate.Fingerprint)),
            ConnectionAddress = publicAddress,
            Port = engine.Port,
            Candidates = [new SdpHostCandidate(publicAddress, engine.Port)],
            Setup = SdpSetup.ActPass,
            VideoCodec = codec,
            AudioSsrc = config.AudioSsrc,
            VideoSsrc = config.VideoSsrc,
            Cname = config.Cname,
            StreamId = "heygen-" + session.ShortId,
        });
        var previous = _peers.GetValueOrDefault(session.Id);
        _peers[session.Id] = new SessionPeer(peer, feed, clips);
        previous?.Peer.Close("session replaced");
        return offer;
    }

    public async Task StartAsync(MediaSession session, RemoteAnswer? answer, CancellationToken cancellationToken)
    {
        if (!_peers.TryGetValue(session.Id, out var sp)) throw new InvalidOperationException("the session has no peer");
        if (answer is null) throw new ArgumentNullException(nameof(answer), "a v1 session starts with the browser's answer");
        // Clip failures surface as the session layer's "media unavailable".
        var clips = await sp.Clips.WaitAsync(cancellationToken).ConfigureAwait(false);
        sp.Feed.AttachVideo(clips);
        sp.Peer.Arm(answer.IceUfrag, answer.Fingerprint);
        log.LogInformation("Session {SessionId}: answer accepted, streaming {Width}x{Height} {Codec} once ICE/DTLS connect",
            session.Id, clips.Width, clips.Height, session.Codec);
    }

    public async Task<SpeechClip> PrepareSpeechAsync(MediaSession session, string text, CancellationToken cancellationToken)
    {
        var audio = await synthesizer.SynthesizeAsync(text, session.VoiceRate, cancellationToken).ConfigureAwait(false);
        return new SpeechClip(text, audio.Duration, audio);
    }

    public void Speak(MediaSession session, SpokenTask task)
    {
        if (_peers.TryGetValue(session.Id, out var sp) && task.Clip.Audio is { } audio) sp.Feed.Audio.Enqueue(audio);
    }

    public void Interrupt(string sessionId)
    {
        if (_peers.TryGetValue(sessionId, out var sp)) sp.Feed.Interrupt();
    }

    public void Close(string sessionId, string reason)
    {
        if (_peers.TryRemove(sessionId, out var sp)) sp.Peer.Close("session " + reason);
    }
}
