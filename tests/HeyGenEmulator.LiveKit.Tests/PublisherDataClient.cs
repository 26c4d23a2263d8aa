using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The client's publisher connection as a browser makes it: our offer (data plus a microphone), then ICE
/// (controlling), a DTLS client handshake, SCTP and the <c>_reliable</c> data channel, all over real UDP to the
/// emulator's engine; the microphone's Opus goes as SRTP (<see cref="SendOpus"/>).
/// </summary>
public sealed class PublisherDataClient : SctpTestPeer
{
    public const uint MicrophoneSsrc = 11;
    private DataChannel? _reliable;
    private ushort _sequence;

    /// <summary>The publisher offer livekit-client sends: its own data sections plus a microphone, setup:actpass.</summary>
    public string Offer() =>
        LiveKitSdp.SubscriberOffer(new SubscriberOfferSpec("PA_client", "TR_mic", "TR_cam", SdpVideoCodec.Vp8, true, true),
            Ice.Ufrag, Ice.Pwd, SdpFingerprint.Sha256(DtlsFingerprint.Parse(Certificate.Fingerprint)), "127.0.0.1", Port, MicrophoneSsrc, 22, "c").Sdp
            .Replace("a=sendonly", "a=sendrecv");

    /// <summary>ICE against the answer's host candidate, DTLS as client, SCTP, then the <c>_reliable</c> channel.</summary>
    public async Task ConnectAsync(string answerSdp, TimeSpan timeout)
    {
        // The client's default use_srtp offer stays although no media may flow: the engine's DTLS server, like a
        // browser's, refuses a handshake without it.
        await ConnectAsync(SdpParser.TryParse(answerSdp, out var error) ?? throw new ArgumentException("answer does not parse: " + error), timeout);
        _reliable = Channels!.OpenChannel("_reliable");
    }

    /// <summary>One LiveKit DataPacket on <c>_reliable</c>, as the SDK's publishData does.</summary>
    public void Send(byte[] packet)
    {
        if (Channels is null || _reliable is null) throw new InvalidOperationException("ConnectAsync first");
        Assert.True(Channels.Send(_reliable, packet), "the data channel refused the packet");
    }

    /// <summary>One 20 ms Opus packet of the microphone (48 kHz RTP clock), in order.</summary>
    public void SendOpus(ReadOnlyMemory<byte> opus)
    {
        var sequence = _sequence++;
        SendRtp(new RtpPacket(new RtpHeader { PayloadType = 111, SequenceNumber = sequence, Timestamp = sequence * 960u, Ssrc = MicrophoneSsrc }, opus));
    }
}
