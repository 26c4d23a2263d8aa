using System.Collections.Concurrent;
using System.Security.Cryptography;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// A peer on paper (media disabled): valid SDP with made-up ICE/DTLS values, answers checked for shape, no packets.
/// Data "sent" is kept in <see cref="Sent"/> so tests can read it.
/// </summary>
public sealed class SignallingOnlyPeer : ILiveKitPeer
{
    private readonly string _ufrag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly string _pwd = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private readonly SdpFingerprint _fingerprint = SdpFingerprint.Sha256(RandomNumberGenerator.GetBytes(32));
    private string? _offer;
    private volatile bool _answered, _closed;

    public string Mode => "signalling-only";
    public ConcurrentQueue<byte[]> Sent { get; } = new();
    public ConcurrentQueue<IceCandidateInit> RemoteCandidates { get; } = new();
    public bool DataReady => _answered && !_closed;
    public long DataUnacknowledged => 0;
    public IReadOnlyList<IceCandidateInit> LocalCandidates =>
        [new IceCandidateInit(new SdpCandidate("1", 1, "udp", SdpCandidate.HostPriority(), "127.0.0.1", 9, "host").ToAttributeValue(), "0", 0, _ufrag)];

    public event Action? Connected;
    public event Action? DataOpened;
    public event Action<byte[]>? DataReceived { add { } remove { } }
    public event Action<MicrophonePacket>? AudioReceived { add { } remove { } }
    public event Action<string>? Closed;

    public LiveKitOffer CreateOffer(SubscriberOfferSpec spec)
    {
        var offer = LiveKitSdp.SubscriberOffer(spec, _ufrag, _pwd, _fingerprint, "127.0.0.1", 9, 1001, 2002, "heygen");
        _offer = offer.Sdp;
        return offer;
    }

    public void ApplyAnswer(string sdp)
    {
        if (_offer is null) throw new LiveKitPeerException("no offer is outstanding");
        var problems = SdpAnswerValidator.Validate(_offer, sdp, out _);
        if (problems.Count > 0) throw new LiveKitPeerException(string.Join("; ", problems.Select(p => p.Message)));
        var first = !_answered;
        _answered = true;
        if (!first) return;
        Connected?.Invoke();
        DataOpened?.Invoke();
    }

    public string AnswerOffer(string sdp) =>
        LiveKitSdp.PublisherAnswer(sdp, _ufrag, _pwd, _fingerprint, "127.0.0.1", 9, out var error) ?? throw new LiveKitPeerException(error ?? "bad offer");

    public void AddRemoteCandidate(IceCandidateInit candidate) => RemoteCandidates.Enqueue(candidate);

    public bool SendData(byte[] packet, bool reliable = true)
    {
        if (!DataReady) return false;
        Sent.Enqueue(packet);
        return true;
    }

    public void Close(string reason)
    {
        if (_closed) return;
        _closed = true;
        Closed?.Invoke(reason);
    }
}

public sealed class SignallingOnlyPeerFactory : ILiveKitPeerFactory
{
    public ILiveKitPeer CreateSubscriber(LiveKitRoom room) => new SignallingOnlyPeer();
    public ILiveKitPeer CreatePublisher(LiveKitRoom room) => new SignallingOnlyPeer();
}
