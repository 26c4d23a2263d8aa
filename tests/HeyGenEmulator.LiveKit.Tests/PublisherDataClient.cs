using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Sctp;
using HeyGenEmulator.WebRtc.Sdp;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The client's publisher connection as a browser makes it, reduced to data: our offer, then ICE (controlling),
/// a DTLS client handshake, SCTP and the <c>_reliable</c> data channel, all over real UDP to the emulator's engine.
/// Only what the data path needs: media sections are offered (the SDK offers them) but no RTP is sent.
/// </summary>
public sealed class PublisherDataClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IceCredentials _ice = IceCredentials.Generate();
    private readonly DtlsCertificate _certificate = DtlsCertificate.Generate("publisher-test");
    private readonly CancellationTokenSource _stop = new();
    private UdpDatagramTransport? _transport;
    private Task? _pump;
    private DtlsTransport? _dtls;
    private SctpAssociation? _sctp;
    private DataChannelManager? _channels;
    private DataChannel? _reliable;
    private Thread? _receiver;

    public PublisherDataClient() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    /// <summary>The publisher offer livekit-client sends: its own data sections plus a microphone, setup:actpass.</summary>
    public string Offer()
    {
        var port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        return LiveKitSdp.SubscriberOffer(new SubscriberOfferSpec("PA_client", "TR_mic", "TR_cam", SdpVideoCodec.Vp8, true, true),
            _ice.Ufrag, _ice.Pwd, SdpFingerprint.Sha256(DtlsFingerprint.Parse(_certificate.Fingerprint)), "127.0.0.1", port, 11, 22, "c").Sdp
            .Replace("a=sendonly", "a=sendrecv");
    }

    /// <summary>ICE against the answer's host candidate, DTLS as client, SCTP, then the <c>_reliable</c> channel.</summary>
    public async Task ConnectAsync(string answerSdp, TimeSpan timeout)
    {
        var answer = SdpParser.TryParse(answerSdp, out var error) ?? throw new ArgumentException("answer does not parse: " + error);
        var first = answer.FirstAccepted ?? throw new ArgumentException("answer accepts nothing");
        var candidate = answer.AllCandidates.First(c => c.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase));
        var remote = new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port);
        var ice = new IceControllingClient(_ice, new IceCredentials(answer.EffectiveIceUfrag(first)!, answer.EffectiveIcePwd(first)!));
        if (await ice.ConnectAsync(_socket, remote, timeout) is null) throw new TimeoutException("ICE: no binding response from the publisher peer");
        var transport = _transport = new UdpDatagramTransport(_socket, remote);
        _pump = Task.Run(PumpAsync);

        // The client's default use_srtp offer stays although no media flows: the engine's DTLS server, like a
        // browser's, refuses a handshake without it.
        _dtls = await new DtlsTestClient(_certificate).ConnectAsync(transport).WaitAsync(timeout);

        var dtls = _dtls;
        _sctp = new SctpAssociation(packet => dtls.Send(packet, 0, packet.Length));
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sctp.Established += () => established.TrySetResult();
        _receiver = new Thread(Receive) { IsBackground = true, Name = "publisher-data-client" };
        _receiver.Start();
        _sctp.Connect();
        await established.Task.WaitAsync(timeout);
        _channels = new DataChannelManager(_sctp, isDtlsServer: false);
        _reliable = _channels.OpenChannel("_reliable");
    }

    /// <summary>One LiveKit DataPacket on <c>_reliable</c>, as the SDK's publishData does.</summary>
    public void Send(byte[] packet)
    {
        if (_channels is null || _reliable is null) throw new InvalidOperationException("ConnectAsync first");
        Assert.True(_channels.Send(_reliable, packet), "the data channel refused the packet");
    }

    /// <summary>Late STUN answers share the socket with DTLS; only DTLS records reach BouncyCastle.</summary>
    private async Task PumpAsync()
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = (await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token)).ReceivedBytes;
                if (MuxPacketClassifier.Classify(buffer.AsSpan(0, n)) == MuxPacketKind.Dtls) _transport!.Enqueue(buffer[..n]);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException) { }
        }
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = _dtls!.Receive(buffer, 0, buffer.Length, 100);
                if (n > 0) _sctp!.HandlePacket(buffer.AsSpan(0, n));
            }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (IOException) { return; }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _sctp?.Abort(); } catch (Exception) { }
        _transport?.Close();
        _receiver?.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
        try { _pump?.Wait(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        _sctp?.Dispose();
        _stop.Dispose();
    }
}
