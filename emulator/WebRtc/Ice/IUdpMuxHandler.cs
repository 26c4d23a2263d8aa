using System.Net;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>
/// Receives one session's traffic from a <see cref="UdpMux"/>. Both methods run on the mux's receive thread:
/// copy what you need out of the span and return quickly (queue work elsewhere); the span is reused for the
/// next datagram. Exceptions are caught and counted by the mux and never reach other sessions.
/// </summary>
public interface IUdpMuxHandler
{
    /// <summary>A DTLS, RTP or RTCP datagram from a remote address that passed a connectivity check.</summary>
    void OnDatagram(UdpMuxEndpoint endpoint, MuxPacketKind kind, ReadOnlySpan<byte> datagram, IPEndPoint remote);

    /// <summary>A valid connectivity check was answered (first bind, consent refresh or nomination).</summary>
    void OnIceCheck(UdpMuxEndpoint endpoint, IceCheckResult result) { }
}
