using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HeyGenEmulator.Api;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Sdp;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// Real media for v1 (raw WebRTC) sessions: streaming.new gets an ICE-lite offer for a peer on the shared UDP port,
/// streaming.start validates the browser's answer and arms the peer, tasks speak through espeak-ng → Opus while the
/// video shows the talking loop. v2 (LiveKit) sessions get no offer, only real speech durations.
/// <para>
/// Clip readiness: streaming.new starts loading/preparing the avatar's clips; streaming.start waits for them (so the
/// first frame the browser sees is the avatar, never a blank). With the default avatar prepared at startup and the
/// disk cache, that wait is normally zero.
/// </para>
/// </summary>
public sealed class WebRtcSessionMedia : ISessionMedia
{
    private readonly ConcurrentDictionary<string, SessionPeer> _peers = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SpeechClip, SpeechAudio> _speech = new();
    private readonly MediaEngine _engine;
    private readonly AvatarMediaLibrary _library;
    private readonly SpeechSynthesizer _synthesizer;
    private readonly MediaSettings _settings;
    private readonly ILogger<WebRtcSessionMedia> _log;

    public WebRtcSessionMedia(MediaEngine engine, AvatarMediaLibrary library, SpeechSynthesizer synthesizer,
        IOptions<MediaSettings> settings, ILogger<WebRtcSessionMedia> log)
    {
        _engine = engine;
        _library = library;
        _synthesizer = synthesizer;
        _settings = settings.Value;
        _log = log;
    }

    private sealed record SessionPeer(WebRtcPeer Peer, AvatarFeed Feed, string OfferSdp, Task<AvatarClips> Clips);

    /// <summary>The peer behind a v1 session, for tests and diagnostics.</summary>
    public WebRtcPeer? PeerOf(string sessionId) => _peers.TryGetValue(sessionId, out var p) ? p.Peer : null;

    public SessionDescriptionWire? CreateOffer(Session session)
    {
        if (session.Spec.Version != "v1") return null;
        var clips = _library.GetAsync(session.Spec.Avatar, session.Spec.Quality, session.Spec.VideoEncoding);
        clips.ContinueWith(static _ => { }, TaskContinuationOptions.OnlyOnFaulted); // observed in StartAsync
        var feed = new AvatarFeed();
        var codec = AvatarMediaLibrary.CodecOf(session.Spec.VideoEncoding) == Media.Preparation.VideoCodec.H264 ? SdpVideoCodec.H264 : SdpVideoCodec.Vp8;
        var config = new PeerMediaConfig { VideoCodec = codec, Cname = "heygen-" + session.Id[..8] };
        var peer = _engine.CreatePeer(feed, config, session.Id);
        peer.Closed += (p, reason) =>
        {
            if (!reason.StartsWith("session", StringComparison.Ordinal))
                _log.LogInformation("Session {SessionId}: media ended ({Reason})", session.Id, reason);
        };
        var offer = SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = peer.LocalCredentials.Ufrag,
            IcePwd = peer.LocalCredentials.Pwd,
            Fingerprint = SdpFingerprint.Sha256(HeyGenEmulator.WebRtc.Dtls.DtlsFingerprint.Parse(_engine.Certificate.Fingerprint)),
            ConnectionAddress = _settings.PublicAddress,
            Port = _engine.Port,
            Candidates = [new SdpHostCandidate(_settings.PublicAddress, _engine.Port)],
            Setup = SdpSetup.ActPass,
            VideoCodec = codec,
            AudioSsrc = config.AudioSsrc,
            VideoSsrc = config.VideoSsrc,
            Cname = config.Cname,
            StreamId = "heygen-" + session.Id[..8],
        });
        var previous = _peers.GetValueOrDefault(session.Id);
        _peers[session.Id] = new SessionPeer(peer, feed, offer, clips);
        previous?.Peer.Close("session replaced");
        return new SessionDescriptionWire("offer", offer);
    }

    public async Task StartAsync(Session session, SessionDescriptionWire? answer, CancellationToken cancellationToken)
    {
        if (session.Spec.Version != "v1") return;
        if (!_peers.TryGetValue(session.Id, out var sp)) throw Errors.Errors.Internal.ToException();
        if (answer is null) throw Errors.Errors.MissingParameter("sdp").ToException();

        // Validate everything first: a rejected answer has no side effects.
        if (!string.Equals(answer.Type, "answer", StringComparison.Ordinal))
            throw Errors.Errors.InvalidParameter($"sdp: type must be 'answer', not '{answer.Type}'").ToException();
        var problems = SdpAnswerValidator.Validate(sp.OfferSdp, answer.Sdp, out var parsed);
        if (problems.Count > 0 || parsed?.FirstAccepted is not { } first)
            throw Errors.Errors.InvalidParameter("sdp: " + (problems.Count > 0
                ? string.Join("; ", problems.Select(p => p.Mid is null ? p.Message : $"{p.Message} (mid {p.Mid})"))
                : "no accepted media section")).ToException();
        var ufrag = parsed.EffectiveIceUfrag(first)!;
        var fingerprint = parsed.EffectiveFingerprint(first)!;
        if (fingerprint.Algorithm != "sha-256")
            throw Errors.Errors.InvalidParameter($"sdp: fingerprint algorithm must be sha-256, not {fingerprint.Algorithm}").ToException();
        if (sp.Peer.State != PeerState.New)
            throw Errors.Errors.InvalidParameter(sp.Peer.State == PeerState.Closed ? "sdp: the session's media has ended" : "sdp: already started").ToException();

        AvatarClips clips;
        try
        {
            clips = await sp.Clips.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogError(e, "Session {SessionId}: avatar clips are not available", session.Id);
            throw Errors.Errors.Internal.ToException();
        }
        sp.Feed.AttachVideo(clips);
        try
        {
            sp.Peer.Arm(ufrag, fingerprint.Algorithm + " " + fingerprint.FormatValue());
        }
        catch (InvalidOperationException e)
        {
            throw Errors.Errors.InvalidParameter("sdp: " + e.Message).ToException();
        }
        _log.LogInformation("Session {SessionId}: answer accepted, streaming {Width}x{Height} {Codec} once ICE/DTLS connect",
            session.Id, clips.Width, clips.Height, session.Spec.VideoEncoding);
    }

    public void AddRemoteCandidate(Session session, IceCandidateWire candidate)
    {
        if (session.Spec.Version != "v1") return;
        // ICE-lite needs no remote candidates (the browser checks us); they are validated and noted only.
        if (string.IsNullOrWhiteSpace(candidate.Candidate)) return; // end-of-candidates
        if (SdpCandidate.TryParse(candidate.Candidate, out var error) is null)
            throw Errors.Errors.InvalidParameter($"candidate: {error}").ToException();
        if (_peers.TryGetValue(session.Id, out var sp))
        {
            var mids = SdpParser.TryParse(sp.OfferSdp, out _)?.Media.Select(m => m.Mid).ToArray() ?? [];
            if (candidate.SdpMid is { } mid && !mids.Contains(mid))
                throw Errors.Errors.InvalidParameter($"candidate: sdpMid '{mid}' is not in the offer ({string.Join(",", mids)})").ToException();
            if (candidate.SdpMLineIndex is { } index && index >= mids.Length)
                throw Errors.Errors.InvalidParameter($"candidate: sdpMLineIndex {index} is out of range (0–{mids.Length - 1})").ToException();
        }
    }

    public async Task<SpeechClip> PrepareSpeechAsync(Session session, string text, CancellationToken cancellationToken)
    {
        var audio = await _synthesizer.SynthesizeAsync(text, session.Spec.VoiceRate, cancellationToken).ConfigureAwait(false);
        var clip = new SpeechClip(text, audio.Duration);
        _speech.AddOrUpdate(clip, audio);
        return clip;
    }

    public void Speak(Session session, SpeechTask task, SpeechClip clip)
    {
        if (!_peers.TryGetValue(session.Id, out var sp) || !_speech.TryGetValue(clip, out var audio)) return;
        _speech.Remove(clip);
        sp.Feed.Audio.Enqueue(audio);
    }

    public void Interrupt(Session session)
    {
        if (_peers.TryGetValue(session.Id, out var sp)) sp.Feed.Interrupt();
    }

    public void Close(Session session, string reason)
    {
        if (_peers.TryRemove(session.Id, out var sp)) sp.Peer.Close("session " + reason);
    }
}
