using System.Net;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>
/// One session's registration on a <see cref="UdpMux"/>: its ICE-lite state and the remote addresses that
/// passed a check. Dispose to unregister, which frees every bound address.
/// </summary>
public sealed class UdpMuxEndpoint : IDisposable
{
    private readonly UdpMux _mux;
    // Guarded by the mux's registration lock; copied on read.
    internal readonly HashSet<IPEndPoint> Bound = new();

    internal UdpMuxEndpoint(UdpMux mux, IceLiteResponder responder, IUdpMuxHandler handler)
    {
        _mux = mux;
        Responder = responder;
        Handler = handler;
    }

    public IceCredentials LocalCredentials => Responder.Local;
    public IceLiteResponder Responder { get; }
    public IUdpMuxHandler Handler { get; }
    public bool IsClosed { get; internal set; }

    /// <summary>Where to send media: the nominated pair, else the last address that passed a check.</summary>
    public IPEndPoint? SelectedRemote => Responder.NominatedRemote ?? Responder.LastValidatedRemote;

    public IReadOnlyCollection<IPEndPoint> BoundAddresses => _mux.SnapshotBound(this);

    public bool IsConsentExpired => Responder.IsConsentExpired;

    /// <summary>The selected remote and its socket address, made once per change of remote rather than per packet.</summary>
    private sealed record Target(IPEndPoint Remote, SocketAddress Address);

    private Target? _target;

    /// <summary>Sends to <see cref="SelectedRemote"/>; false if none yet, closed, or the socket refused.</summary>
    public bool Send(ReadOnlySpan<byte> datagram) => TryGetTarget(out var address) && _mux.Send(datagram, address);

    /// <summary>The socket address of <see cref="SelectedRemote"/> (for a <see cref="DatagramBatch"/>); false if none yet or closed.</summary>
    public bool TryGetTarget(out SocketAddress address)
    {
        address = null!;
        if (IsClosed || SelectedRemote is not { } remote) return false;
        var target = Volatile.Read(ref _target);
        if (target is null || !ReferenceEquals(target.Remote, remote))
            Volatile.Write(ref _target, target = new Target(remote, _mux.SocketAddressOf(remote)));
        address = target.Address;
        return true;
    }

    public void Dispose() => _mux.Unregister(this);
}
