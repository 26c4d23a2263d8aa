using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Dtls;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// BouncyCastle's blocking datagram view of a UDP socket that the owner keeps reading itself: the same socket also
/// carries STUN, RTP and RTCP, so the owner's receive loop demultiplexes and hands DTLS records to
/// <see cref="Enqueue"/>. Built on the engine's own queue so a test peer blocks, drops and closes as the engine does.
/// </summary>
public sealed class UdpDatagramTransport : DatagramTransport
{
    private readonly QueuedDatagramTransport _queue;

    public UdpDatagramTransport(Socket socket, EndPoint remote) =>
        _queue = new QueuedDatagramTransport(datagram => socket.SendTo(datagram, SocketFlags.None, remote), sendLimit: 1200, receiveLimit: 1500);

    /// <summary>Queues one DTLS record for the handshake or the DTLS transport to read; false once closed or full.</summary>
    public bool Enqueue(byte[] datagram) => _queue.Enqueue(datagram);

    public int GetReceiveLimit() => _queue.GetReceiveLimit();
    public int GetSendLimit() => _queue.GetSendLimit();
    public int Receive(byte[] buf, int off, int len, int waitMillis) => _queue.Receive(buf, off, len, waitMillis);
    public int Receive(Span<byte> buffer, int waitMillis) => _queue.Receive(buffer, waitMillis);
    public void Send(byte[] buf, int off, int len) => _queue.Send(buf, off, len);
    public void Send(ReadOnlySpan<byte> buffer) => _queue.Send(buffer);

    /// <summary>Makes a blocked handshake or DTLS read throw, which is the only way to stop BouncyCastle's thread.</summary>
    public void Close() => _queue.Close();
}
