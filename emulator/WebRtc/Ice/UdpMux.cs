using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HeyGenEmulator.WebRtc.Stun;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>
/// One UDP socket shared by every session (ICE-lite with a single host candidate). STUN binding requests are
/// routed by the local ufrag in USERNAME; a remote address that passes a check is bound to that session, and
/// later DTLS/RTP/RTCP from that address goes to its handler. Everything else is dropped and counted.
/// </summary>
public sealed class UdpMux : IDisposable
{
    private const int MaxDatagram = 65535;

    private readonly Socket _socket;
    private readonly UdpMuxOptions _options;
    private readonly ConcurrentDictionary<string, UdpMuxEndpoint> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IPEndPoint, UdpMuxEndpoint> _byAddress = new();
    // Registration, binding and unregistration change both maps together; the data path only reads.
    private readonly object _registrationGate = new();
    private readonly Thread _receiveThread;
    private readonly bool _dualMode;
    private volatile bool _disposed;

    private long _packetsReceived, _packetsDropped, _handlerErrors, _stunResponsesSent;
    private long _droppedUnknownAddress, _droppedUnclassified, _droppedStun;

    public UdpMux(UdpMuxOptions? options = null)
    {
        _options = options ?? new UdpMuxOptions();
        _socket = new Socket(_options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (_options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6 && _options.BindAddress.Equals(IPAddress.IPv6Any))
            {
                _socket.DualMode = true;
                _dualMode = true;
            }
            try { _socket.ReceiveBufferSize = _options.ReceiveBufferBytes; } catch (SocketException) { }
            _socket.Bind(new IPEndPoint(_options.BindAddress, _options.Port));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"UdpMux:{LocalEndPoint.Port}" };
        _receiveThread.Start();
    }

    public IPEndPoint LocalEndPoint { get; }
    public int Port => LocalEndPoint.Port;

    public int RegisteredEndpoints => _byUfrag.Count;
    public int BoundAddresses => _byAddress.Count;
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);
    /// <summary>All datagrams not delivered to a handler or answered (sum of the three reasons below).</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);
    public long DroppedFromUnknownAddress => Interlocked.Read(ref _droppedUnknownAddress);
    public long DroppedUnclassified => Interlocked.Read(ref _droppedUnclassified);
    /// <summary>STUN that was malformed, not a binding request, for an unknown ufrag, or failed authentication.</summary>
    public long DroppedStun => Interlocked.Read(ref _droppedStun);
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);
    public long StunResponsesSent => Interlocked.Read(ref _stunResponsesSent);

    /// <summary>
    /// Registers a session under its local ufrag. <paramref name="expectedRemoteUfrag"/> may be given now or
    /// later via <see cref="IceLiteResponder.ExpectedRemoteUfrag"/> once the answer arrives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ufrag is already registered (credentials must be unique).</exception>
    public UdpMuxEndpoint Register(IceCredentials local, IUdpMuxHandler handler, string? expectedRemoteUfrag = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var responder = new IceLiteResponder(local, expectedRemoteUfrag, _options.TimeProvider, _options.ConsentTimeout);
        var endpoint = new UdpMuxEndpoint(this, responder, handler);
        lock (_registrationGate)
        {
            if (!_byUfrag.TryAdd(local.Ufrag, endpoint))
                throw new InvalidOperationException($"ICE ufrag '{local.Ufrag}' is already registered.");
        }
        return endpoint;
    }

    /// <summary>Removes the session and every address bound to it. Idempotent.</summary>
    public bool Unregister(UdpMuxEndpoint endpoint)
    {
        lock (_registrationGate)
        {
            if (endpoint.IsClosed) return false;
            endpoint.IsClosed = true;
            _byUfrag.TryRemove(new KeyValuePair<string, UdpMuxEndpoint>(endpoint.LocalCredentials.Ufrag, endpoint));
            foreach (var address in endpoint.Bound)
                _byAddress.TryRemove(new KeyValuePair<IPEndPoint, UdpMuxEndpoint>(address, endpoint));
            endpoint.Bound.Clear();
            return true;
        }
    }

    /// <summary>Sends one datagram from the shared port. Never throws for network errors: returns false.</summary>
    public bool Send(ReadOnlySpan<byte> datagram, IPEndPoint remote) => !_disposed && Send(datagram, SocketAddressOf(remote));

    public bool Send(byte[] datagram, IPEndPoint remote) => Send(datagram.AsSpan(), remote);

    /// <summary>Sends to an address from <see cref="SocketAddressOf"/>: no per-packet conversion or allocation.</summary>
    public bool Send(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        if (_disposed) return false;
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, remote);
            return true;
        }
        catch (SocketException) { return false; }
        catch (ObjectDisposedException) { return false; }
    }

    /// <summary>A batch of datagrams for this socket, sent together (<see cref="DatagramBatch"/>).</summary>
    public DatagramBatch CreateBatch() => new(this);

    /// <summary>The socket's handle, for the batch's own system call (it holds a reference while it uses it).</summary>
    internal SafeHandle SocketHandle => _socket.SafeHandle;

    internal bool IsDisposed => _disposed;

    /// <summary>The socket's own form of <paramref name="remote"/> (IPv4 mapped for a dual-mode socket).</summary>
    public SocketAddress SocketAddressOf(IPEndPoint remote) => ToSocketAddress(remote).Serialize();

    internal IReadOnlyCollection<IPEndPoint> SnapshotBound(UdpMuxEndpoint endpoint)
    {
        lock (_registrationGate) return endpoint.Bound.ToArray();
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(_dualMode ? IPAddress.IPv6Any : _options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_disposed)
        {
            int length;
            EndPoint from = any;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (_disposed) { return; }
            catch (SocketException)
            {
                // ICMP-induced errors (port unreachable) surface on some platforms; the socket is still usable.
                continue;
            }
            Interlocked.Increment(ref _packetsReceived);
            try
            {
                Dispatch(buffer.AsSpan(0, length), Normalize((IPEndPoint)from));
            }
            catch (Exception)
            {
                // Defensive: nothing in Dispatch should throw, but one bad datagram must never end the loop.
                Drop(ref _droppedUnclassified);
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        var kind = MuxPacketClassifier.Classify(datagram);
        switch (kind)
        {
            case MuxPacketKind.Stun:
                HandleStun(datagram, remote);
                return;
            case MuxPacketKind.Unknown:
                Drop(ref _droppedUnclassified);
                return;
        }

        if (!_byAddress.TryGetValue(remote, out var endpoint) || endpoint.IsClosed)
        {
            Drop(ref _droppedUnknownAddress);
            return;
        }
        try
        {
            endpoint.Handler.OnDatagram(endpoint, kind, datagram, remote);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _handlerErrors);
        }
    }

    private void HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        var message = StunMessage.Parse(datagram);
        if (message is null || message.Type != StunMessageType.BindingRequest
            || IceLiteResponder.LocalUfragOf(message.Username) is not { } ufrag
            || !_byUfrag.TryGetValue(ufrag, out var endpoint))
        {
            Drop(ref _droppedStun);
            return;
        }

        var result = endpoint.Responder.Process(message, remote);
        if (!result.IsSuccess)
        {
            Drop(ref _droppedStun);
            return;
        }

        lock (_registrationGate)
        {
            if (endpoint.IsClosed)
            {
                Drop(ref _droppedStun);
                return;
            }
            if (_byAddress.TryGetValue(remote, out var previous) && !ReferenceEquals(previous, endpoint))
                previous.Bound.Remove(remote);
            _byAddress[remote] = endpoint;
            endpoint.Bound.Add(remote);
        }

        if (Send(result.Response!, remote)) Interlocked.Increment(ref _stunResponsesSent);
        try
        {
            endpoint.Handler.OnIceCheck(endpoint, result);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _handlerErrors);
        }
    }

    private void Drop(ref long reason)
    {
        Interlocked.Increment(ref reason);
        Interlocked.Increment(ref _packetsDropped);
    }

    // Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d; keep one spelling so map lookups match.
    private static IPEndPoint Normalize(IPEndPoint ep) =>
        ep.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;

    private IPEndPoint ToSocketAddress(IPEndPoint remote) =>
        _dualMode && remote.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(remote.Address.MapToIPv6(), remote.Port)
            : remote;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _socket.Dispose();
        // ReceiveFrom unblocks with an exception once the socket is closed.
        _receiveThread.Join(TimeSpan.FromSeconds(2));
        lock (_registrationGate)
        {
            foreach (var endpoint in _byUfrag.Values) endpoint.IsClosed = true;
            _byUfrag.Clear();
            _byAddress.Clear();
        }
    }
}
