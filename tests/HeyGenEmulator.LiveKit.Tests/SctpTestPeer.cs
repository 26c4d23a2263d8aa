using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Sctp;
using HeyGenEmulator.WebRtc.Sdp;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// One of a browser's two LiveKit peer connections, over real UDP to the emulator's engine: ICE as the controlling
/// agent (with consent checks), a DTLS client handshake with use_srtp, SCTP and data channels, and SRTP both ways
/// (received RTP is unprotected and counted per payload type; <see cref="SendRtp"/> protects and sends).
/// </summary>
public abstract class SctpTestPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<byte, long> _rtpByType = new();
    private readonly object _sendGate = new();
    private UdpDatagramTransport? _transport;
    private IPEndPoint? _remote;
    private IceControllingClient? _iceClient;
    private Task? _pump, _consent;
    private DtlsTransport? _dtls;
    private SctpAssociation? _sctp;
    private SrtpContext? _receive, _send;
    private Thread? _receiver;

    protected SctpTestPeer() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    protected IceCredentials Ice { get; } = IceCredentials.Generate();
    protected DtlsCertificate Certificate { get; } = DtlsCertificate.Generate("sctp-test-peer");
    protected int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public DataChannelManager? Channels { get; private set; }

    /// <summary>Messages on any channel, raised on the association's thread.</summary>
    public event Action<DataChannel, byte[]>? MessageReceived;

    /// <summary>RTP packets that unprotected, by payload type.</summary>
    public long RtpPackets(int payloadType) => _rtpByType.TryGetValue((byte)payloadType, out var n) ? n : 0;

    /// <summary>ICE against the remote description's host candidate, DTLS as client, SCTP.</summary>
    protected async Task ConnectAsync(SessionDescription remoteSdp, TimeSpan timeout)
    {
        var first = remoteSdp.FirstAccepted ?? throw new ArgumentException("the remote description accepts nothing");
        var candidate = remoteSdp.AllCandidates.First(c => c.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase));
        var remote = _remote = new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port);
        var ice = _iceClient = new IceControllingClient(Ice, new IceCredentials(remoteSdp.EffectiveIceUfrag(first)!, remoteSdp.EffectiveIcePwd(first)!));
        if (await ice.ConnectAsync(_socket, remote, timeout) is null) throw new TimeoutException("ICE: no binding response from the engine");
        var transport = _transport = new UdpDatagramTransport(_socket, remote);
        _pump = Task.Run(PumpAsync);
        _consent = Task.Run(ConsentAsync);

        var client = new DtlsTestClient(Certificate);
        _dtls = await client.ConnectAsync(transport).WaitAsync(timeout);
        if (client.SrtpKeys() is { } keys)
        {
            // We are the DTLS client: the engine protects with the server write key, we with the client's.
            _receive = new SrtpContext(keys.Profile, keys.ServerWriteKey, keys.ServerWriteSalt);
            _send = new SrtpContext(keys.Profile, keys.ClientWriteKey, keys.ClientWriteSalt);
        }

        var dtls = _dtls;
        _sctp = new SctpAssociation(packet => dtls.Send(packet, 0, packet.Length));
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sctp.Established += () => established.TrySetResult();
        Channels = new DataChannelManager(_sctp, isDtlsServer: false);
        Channels.MessageReceived += (channel, data, _) => MessageReceived?.Invoke(channel, data);
        _receiver = new Thread(Receive) { IsBackground = true, Name = GetType().Name };
        _receiver.Start();
        _sctp.Connect();
        await established.Task.WaitAsync(timeout);
    }

    /// <summary>One RTP packet, SRTP-protected, to the engine.</summary>
    public void SendRtp(RtpPacket packet)
    {
        lock (_sendGate)
        {
            var protectedPacket = (_send ?? throw new InvalidOperationException("no SRTP keys")).ProtectRtp(packet.ToArray())
                ?? throw new InvalidOperationException("SRTP context closed");
            _socket.SendTo(protectedPacket, _remote!);
        }
    }

    /// <summary>STUN answers share the socket with DTLS and SRTP: DTLS goes to BouncyCastle, RTP is counted.</summary>
    private async Task PumpAsync()
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = (await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token)).ReceivedBytes;
                switch (MuxPacketClassifier.Classify(buffer.AsSpan(0, n)))
                {
                    case MuxPacketKind.Dtls:
                        _transport!.Enqueue(buffer[..n]);
                        break;
                    case MuxPacketKind.Rtp when _receive?.UnprotectRtp(buffer.AsSpan(0, n)) is { Length: > 1 } rtp:
                        _rtpByType.AddOrUpdate((byte)(rtp[1] & 0x7F), 1, (_, c) => c + 1);
                        break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException) { }
        }
    }

    /// <summary>Consent freshness, as a browser keeps it: a binding request every 2 s.</summary>
    private async Task ConsentAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token);
                await _socket.SendToAsync(_iceClient!.CreateBindingRequest(useCandidate: true), SocketFlags.None, _remote!, _stop.Token);
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
        foreach (var task in new[] { _pump, _consent })
            try { task?.Wait(TimeSpan.FromSeconds(2)); } catch (Exception) { }
        _sctp?.Dispose();
        _receive?.Dispose();
        _send?.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
