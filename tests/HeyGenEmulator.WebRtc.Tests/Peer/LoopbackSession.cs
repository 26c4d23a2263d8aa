using System.Net;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Sdp;
using HeyGenEmulator.WebRtc.Testing;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>A real engine on loopback UDP and one light receiving peer connected to it through offer, answer, ICE, DTLS.</summary>
internal sealed class LoopbackSession : IAsyncDisposable
{
    public required MediaEngine Engine { get; init; }
    public required WebRtcPeer Peer { get; init; }
    public required LightReceivingPeer Light { get; init; }
    public required PeerMediaConfig Config { get; init; }

    public static async Task<LoopbackSession> ConnectAsync(IPeerMediaSource source)
    {
        var engine = new MediaEngine(new MediaEngineOptions { UdpPort = 0, BindAddress = IPAddress.Loopback });
        var config = new PeerMediaConfig();
        var peer = engine.CreatePeer(source, config);
        var offer = SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = peer.LocalCredentials.Ufrag,
            IcePwd = peer.LocalCredentials.Pwd,
            Fingerprint = SdpFingerprint.Sha256(DtlsFingerprint.Parse(engine.Certificate.Fingerprint)),
            ConnectionAddress = "127.0.0.1",
            Port = engine.Port,
            Candidates = [new SdpHostCandidate("127.0.0.1", engine.Port)],
            AudioSsrc = config.AudioSsrc,
            VideoSsrc = config.VideoSsrc,
        });

        var light = new LightReceivingPeer();
        var answer = light.CreateAnswer(offer);
        // The answer is what the emulator's streaming.start accepts.
        Assert.Empty(SdpAnswerValidator.Validate(offer, answer, out var parsed));
        var first = parsed!.FirstAccepted!;
        peer.Arm(parsed.EffectiveIceUfrag(first)!, parsed.EffectiveFingerprint(first)!.ToString());

        await light.ConnectAsync(TimeSpan.FromSeconds(10));
        await peer.Streaming.WaitAsync(TimeSpan.FromSeconds(5));
        return new LoopbackSession { Engine = engine, Peer = peer, Light = light, Config = config };
    }

    public async ValueTask DisposeAsync()
    {
        Peer.Close("test over");
        await Light.DisposeAsync();
        Engine.Dispose();
    }
}
