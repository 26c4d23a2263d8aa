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

    /// <summary>Sends to <see cref="SelectedRemote"/>; false if none yet, closed, or the socket refused.</summary>
    public bool Send(ReadOnlySpan<byte> datagram) =>
        !IsClosed && SelectedRemote is { } remote && _mux.Send(datagram, remote);

    public void Dispose() => _mux.Unregister(this);
}
