using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Testing;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>Peer lifecycle on a real loopback UDP port, with a scripted ICE-controlling client (no browser).</summary>
public class MediaEngineTests
{
    private sealed class SilentSource : IPeerMediaSource
    {
        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
        {
            frame = default;
            isKeyFrame = false;
            return false;
        }

        public ReadOnlyMemory<byte> NextAudioPacket() => new byte[] { 0xF8, 0xFF, 0xFE };
        public void RequestKeyFrame() { }
    }

    private static MediaEngine NewEngine() => new(new MediaEngineOptions
    {
        UdpPort = 0,
        BindAddress = IPAddress.Loopback,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        ConsentTimeout = TimeSpan.FromSeconds(1),
    });

    private static async Task<Socket> CheckAsync(MediaEngine engine, WebRtcPeer peer, IceCredentials client)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var ice = new IceControllingClient(client, peer.LocalCredentials);
        var response = await ice.ConnectAsync(socket, new IPEndPoint(IPAddress.Loopback, engine.Port), TimeSpan.FromSeconds(3));
        Assert.NotNull(response);
        return socket;
    }

    [Fact]
    public async Task A_client_that_passes_ICE_but_never_completes_DTLS_is_given_up_and_its_state_freed()
    {
        using var engine = NewEngine();
        var peer = engine.CreatePeer(new SilentSource(), new PeerMediaConfig());
        var other = engine.CreatePeer(new SilentSource(), new PeerMediaConfig());
        var client = IceCredentials.Generate();
        using var socket = await CheckAsync(engine, peer, client);
        Assert.Equal(2, engine.MuxEndpoints);
        Assert.Equal(1, engine.BoundAddresses);

        peer.Arm(client.Ufrag, DtlsCertificate.Generate().Fingerprint);
        // Garbage and a truncated DTLS record from the bound address change nothing.
        socket.SendTo(new byte[] { 22, 0xFE, 0xFD, 0, 0 }, new IPEndPoint(IPAddress.Loopback, engine.Port));
        socket.SendTo(new byte[] { 0x80, 200, 0, 1, 2, 3, 4, 5 }, new IPEndPoint(IPAddress.Loopback, engine.Port));

        var reason = await peer.Ended.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(reason.Contains("DTLS") || reason.Contains("no connection"), reason);
        Assert.Equal(PeerState.Closed, peer.State);
        Assert.Equal(1, engine.ActivePeers);
        Assert.Equal(1, engine.MuxEndpoints);
        Assert.Equal(0, engine.BoundAddresses);
        Assert.Equal(PeerState.New, other.State); // an unanswered peer belongs to its session: no timeout
        other.Close("test over");
        Assert.Equal(0, engine.ActivePeers);
        Assert.Equal(0, engine.MuxEndpoints);
    }

    [Fact]
    public async Task Close_is_idempotent_and_a_closed_peer_cannot_be_armed()
    {
        using var engine = NewEngine();
        var peer = engine.CreatePeer(new SilentSource(), new PeerMediaConfig());
        var ended = 0;
        peer.Closed += (_, _) => ended++;
        peer.Close("one");
        peer.Close("two");
        Assert.Equal("one", await peer.Ended);
        Assert.Equal(1, ended);
        Assert.Throws<InvalidOperationException>(() => peer.Arm("abcd", DtlsCertificate.Shared.Fingerprint));
        Assert.Equal(0, engine.MuxEndpoints);
    }
}
