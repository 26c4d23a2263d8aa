using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>A problem with what the client sent for a peer connection (bad SDP); reported, never fatal to the emulator.</summary>
public sealed class LiveKitPeerException(string message) : Exception(message);

/// <summary>
/// One of a LiveKit client's two peer connections, as the signalling layer sees it. The subscriber offers (avatar audio,
/// video, <c>_reliable</c>/<c>_lossy</c> opened by us); the publisher answers the client's offer (microphone, client data).
/// Events may come on any thread.
/// </summary>
public interface ILiveKitPeer
{
    /// <summary>"engine" (real ICE/DTLS/SRTP/SCTP) or "signalling-only".</summary>
    string Mode { get; }

    LiveKitOffer CreateOffer(SubscriberOfferSpec spec);

    /// <exception cref="LiveKitPeerException">The answer does not fit the offer.</exception>
    void ApplyAnswer(string sdp);

    /// <exception cref="LiveKitPeerException">The offer cannot be answered.</exception>
    string AnswerOffer(string sdp);

    void AddRemoteCandidate(IceCandidateInit candidate);

    /// <summary>Our candidates, to trickle after the offer/answer (they are in the SDP too).</summary>
    IReadOnlyList<IceCandidateInit> LocalCandidates { get; }

    /// <summary>True once <c>_reliable</c> can carry data.</summary>
    bool DataReady { get; }

    /// <summary>Sends a DataPacket on <c>_reliable</c> (or <c>_lossy</c>); false when not possible now.</summary>
    bool SendData(byte[] packet, bool reliable = true);

    /// <summary>Bytes of data sent and not yet acknowledged by the client; 0 when there is no data path.</summary>
    long DataUnacknowledged { get; }

    /// <summary>ICE + DTLS connected.</summary>
    event Action? Connected;

    /// <summary><c>_reliable</c> became usable.</summary>
    event Action? DataOpened;

    /// <summary>A DataPacket from the client (its <c>_reliable</c>/<c>_lossy</c>).</summary>
    event Action<byte[]>? DataReceived;

    /// <summary>Opus payloads of the client's microphone, with their RTP timestamps (48 kHz clock).</summary>
    event Action<MicrophonePacket>? AudioReceived;

    event Action<string>? Closed;

    void Close(string reason);
}

/// <summary>Makes the peers behind a LiveKit room (the engine's, or signalling-only ones when media is off).</summary>
public interface ILiveKitPeerFactory
{
    ILiveKitPeer CreateSubscriber(LiveKitRoom room);
    ILiveKitPeer CreatePublisher(LiveKitRoom room);
}
