using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Stun;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// The controlling side of a connectivity check, enough for a test or benchmark peer to talk to an ICE-lite
/// server: build binding requests (optionally nominating) and validate the responses. Bytes in, bytes out;
/// <see cref="ConnectAsync"/> is a convenience that drives a socket until one check succeeds.
/// </summary>
public sealed class IceControllingClient
{
    /// <summary>Host candidate priority for component 1: type pref 126, local pref 65535 (RFC 8445 §5.1.2.1).</summary>
    public const uint HostPriority = (126u << 24) | (65535u << 8) | (256u - 1);

    private readonly byte[] _remoteKey;
    private readonly ulong _tieBreaker = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    // Outstanding transaction ids, oldest first; bounded so a peer that never answers cannot grow it forever.
    private const int MaxPending = 64;
    private readonly HashSet<string> _pending = new();
    private readonly Queue<string> _pendingOrder = new();
    private readonly object _gate = new();

    public IceControllingClient(IceCredentials local, IceCredentials remote)
    {
        Local = local;
        Remote = remote;
        _remoteKey = Encoding.UTF8.GetBytes(remote.Pwd);
    }

    public IceCredentials Local { get; }
    public IceCredentials Remote { get; }

    /// <summary>USERNAME is "remoteUfrag:localUfrag" and the key is the remote pwd: the request is checked by them.</summary>
    public byte[] CreateBindingRequest(bool useCandidate, uint priority = HostPriority)
    {
        var tid = StunMessageBuilder.NewTransactionId();
        var builder = new StunMessageBuilder(StunMessageType.BindingRequest, tid)
            .AddUsername($"{Remote.Ufrag}:{Local.Ufrag}")
            .AddPriority(priority)
            .AddIceControlling(_tieBreaker);
        if (useCandidate) builder.AddUseCandidate();
        lock (_gate)
        {
            var key = Convert.ToHexString(tid);
            _pending.Add(key);
            _pendingOrder.Enqueue(key);
            while (_pendingOrder.Count > MaxPending) _pending.Remove(_pendingOrder.Dequeue());
        }
        return builder.AddMessageIntegrity(_remoteKey).AddFingerprint().ToArray();
    }

    /// <summary>
    /// Validates a datagram as the success response to one of our outstanding requests (transaction id,
    /// MESSAGE-INTEGRITY with the remote pwd, FINGERPRINT). Returns null for anything else.
    /// </summary>
    public IceBindingResponse? TryParseResponse(ReadOnlySpan<byte> datagram)
    {
        var message = StunMessage.Parse(datagram);
        if (message is null || message.Type != StunMessageType.BindingSuccess) return null;
        string key = Convert.ToHexString(message.TransactionId);
        lock (_gate)
            if (!_pending.Contains(key)) return null;
        if (!message.VerifyFingerprint() || !message.VerifyMessageIntegrity(_remoteKey)) return null;
        lock (_gate) _pending.Remove(key);
        return new IceBindingResponse(message.TransactionIdBytes, message.XorMappedAddress);
    }

    /// <summary>
    /// Sends nominating checks to <paramref name="remote"/> every <paramref name="retransmitInterval"/> until a
    /// valid response arrives or <paramref name="timeout"/> passes. Other datagrams received meanwhile are
    /// discarded. Returns the response, or null on timeout/cancellation.
    /// </summary>
    public async Task<IceBindingResponse?> ConnectAsync(Socket socket, IPEndPoint remote, TimeSpan timeout,
        TimeSpan? retransmitInterval = null, CancellationToken cancellationToken = default)
    {
        var interval = retransmitInterval ?? TimeSpan.FromMilliseconds(100);
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(timeout);
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                await socket.SendToAsync(CreateBindingRequest(useCandidate: true), SocketFlags.None, remote, overall.Token);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(overall.Token);
                attempt.CancelAfter(interval);
                try
                {
                    while (true)
                    {
                        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None,
                            new IPEndPoint(remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0),
                            attempt.Token);
                        var response = TryParseResponse(buffer.AsSpan(0, received.ReceivedBytes));
                        if (response is not null) return response;
                    }
                }
                catch (OperationCanceledException) when (!overall.IsCancellationRequested)
                {
                    // Retransmit.
                }
                catch (SocketException) when (!overall.IsCancellationRequested)
                {
                    await Task.Delay(interval, overall.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
