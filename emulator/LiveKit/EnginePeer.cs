using HeyGenEmulator.WebRtc.Sdp;
using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Sctp;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// A LiveKit peer connection on the media engine's <see cref="WebRtcPeer"/> (shared UDP port, ICE-lite, DTLS, SRTP)
/// with SCTP data channels over its DTLS. Subscriber: sends the room's avatar feed, opens <c>_reliable</c> and
/// <c>_lossy</c> once the browser's SCTP association is up. Publisher: receive-only, adopts the client's channels,
/// hands its Opus microphone payloads and DataPackets up.
/// </summary>
public sealed class EnginePeer : ILiveKitPeer, IDisposable
{
    private readonly WebRtcPeer _peer;
    private readonly MediaEngine _engine;
    private readonly string _address;
    private readonly SctpAssociation _sctp;
    private readonly DataChannelManager _channels;
    private readonly bool _subscriber;
    private string? _offer;
    private volatile DataChannel? _reliable, _lossy;
    private int _closed;

    public EnginePeer(MediaEngine engine, IPeerMediaSource source, PeerMediaConfig config, string address, string id, bool subscriber)
    {
        _subscriber = subscriber;
        _address = address;
        _engine = engine;
        _peer = engine.CreatePeer(source, config, id);
        _sctp = new SctpAssociation(packet => _peer.SendApplicationData(packet), engine.TimeProvider);
        _channels = new DataChannelManager(_sctp, isDtlsServer: true);
        _peer.ApplicationData += packet => _sctp.HandlePacket(packet);
        _peer.RtpReceived += OnRtp;
        _peer.Closed += (_, reason) =>
        {
            try { _sctp.Abort(); } catch (Exception) { }
            if (Interlocked.Exchange(ref _closed, 1) == 0) Closed?.Invoke(reason);
        };
        _ = _peer.Streaming.ContinueWith(t => { if (t.IsCompletedSuccessfully) Connected?.Invoke(); }, TaskScheduler.Default);
        _sctp.Established += OnSctpEstablished;
        _channels.ChannelOpened += channel =>
        {
            if (!channel.OpenedLocally && channel.Label == "_reliable") _reliable ??= channel;
        };
        _channels.MessageReceived += (_, data, _) => DataReceived?.Invoke(data);
    }

    public string Mode => "engine";
    public WebRtcPeer Peer => _peer;
    public long DataUnacknowledged => _sctp.BufferedAmount;
    public bool DataReady => _reliable is { State: DataChannelState.Open or DataChannelState.Connecting };

    public IReadOnlyList<IceCandidateInit> LocalCandidates =>
        [new IceCandidateInit(new SdpCandidate("1", 1, "udp", SdpCandidate.HostPriority(), _address, Port, "host").ToAttributeValue(), "0", 0, _peer.LocalCredentials.Ufrag)];

    private int Port => _engine.Port;

    public event Action? Connected;
    public event Action? DataOpened;
    public event Action<byte[]>? DataReceived;
    public event Action<MicrophonePacket>? AudioReceived;
    public event Action<string>? Closed;

    private SdpFingerprint Fingerprint => SdpFingerprint.Sha256(DtlsFingerprint.Parse(_engine.Certificate.Fingerprint));

    public LiveKitOffer CreateOffer(SubscriberOfferSpec spec)
    {
        var offer = LiveKitSdp.SubscriberOffer(spec, _peer.LocalCredentials.Ufrag, _peer.LocalCredentials.Pwd, Fingerprint, _address, Port,
            _peer.Config.AudioSsrc, _peer.Config.VideoSsrc, _peer.Config.Cname);
        _offer = offer.Sdp;
        return offer;
    }

    public void ApplyAnswer(string sdp)
    {
        if (_offer is null) throw new LiveKitPeerException("no offer is outstanding");
        var problems = SdpAnswerValidator.Validate(_offer, sdp, out var parsed);
        if (problems.Count > 0 || parsed?.FirstAccepted is not { } first)
            throw new LiveKitPeerException(problems.Count > 0 ? string.Join("; ", problems.Select(p => p.Message)) : "no accepted section");
        if (_peer.IsArmed) return; // renegotiation on the same transport
        Arm(parsed.EffectiveIceUfrag(first)!, parsed.EffectiveFingerprint(first)!);
    }

    public string AnswerOffer(string sdp)
    {
        var offer = SdpParser.TryParse(sdp, out var error) ?? throw new LiveKitPeerException("malformed offer: " + error);
        var first = offer.FirstAccepted ?? throw new LiveKitPeerException("offer has no usable section");
        var ufrag = offer.EffectiveIceUfrag(first);
        var fingerprint = offer.EffectiveFingerprint(first);
        if (string.IsNullOrEmpty(ufrag) || fingerprint is null) throw new LiveKitPeerException("offer lacks ice-ufrag or fingerprint");
        var answer = LiveKitSdp.PublisherAnswer(sdp, _peer.LocalCredentials.Ufrag, _peer.LocalCredentials.Pwd, Fingerprint, _address, Port, out error)
                     ?? throw new LiveKitPeerException(error ?? "offer cannot be answered");
        if (!_peer.IsArmed) Arm(ufrag, fingerprint);
        return answer;
    }

    private void Arm(string remoteUfrag, SdpFingerprint fingerprint)
    {
        if (fingerprint.Algorithm != "sha-256") throw new LiveKitPeerException("fingerprint must be sha-256");
        try
        {
            _peer.Arm(remoteUfrag, fingerprint.Algorithm + " " + fingerprint.FormatValue());
        }
        catch (InvalidOperationException e)
        {
            throw new LiveKitPeerException(e.Message);
        }
    }

    // ICE-lite: the browser checks us (and we learn its address from the checks), so its candidates are only noted.
    public void AddRemoteCandidate(IceCandidateInit candidate) { }

    public bool SendData(byte[] packet, bool reliable = true)
    {
        var channel = reliable ? _reliable : _lossy ?? _reliable;
        return channel is not null && _channels.Send(channel, packet.AsSpan());
    }

    private void OnSctpEstablished()
    {
        if (!_subscriber) return;
        // Spec S2: the server's channels; labels exact, odd stream ids (we are the DTLS server).
        _reliable = _channels.OpenChannel("_reliable", ordered: true);
        _lossy = _channels.OpenChannel("_lossy", ordered: false, maxRetransmits: 0);
        DataOpened?.Invoke();
    }

    private void OnRtp(byte[] rtp)
    {
        if (!RtpPacket.TryParse(rtp, out var packet) || packet is null) return;
        AudioReceived?.Invoke(new MicrophonePacket(packet.Payload, packet.Header.Timestamp));
    }

    /// <summary>Closing is disposing: the SCTP association and the engine's peer end together.</summary>
    public void Dispose() => Close("disposed");

    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closed, 0, 0) == 1) return;
        try { _sctp.Abort(); } catch (Exception) { }
        _peer.Close(reason);
    }
}
