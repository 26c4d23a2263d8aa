using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.WebRtc.Tests.Dtls;

/// <summary>The client's end of an in-memory datagram link.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "as QueuedDatagramTransport: closed, never disposed under a blocked reader")]
internal sealed class TestDatagramTransport(int mtu = 1200) : DatagramTransport
{
    private readonly BlockingCollection<byte[]> _inbox = new();
    private volatile bool _closed;

    public Action<byte[]>? Output { get; set; }
    public volatile bool Mute; // drop everything we would send: the peer vanished

    public void Deliver(byte[] datagram)
    {
        if (!_closed) _inbox.Add(datagram);
    }

    public int GetReceiveLimit() => 1500;
    public int GetSendLimit() => mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        if (_closed) throw new IOException("closed");
        if (!_inbox.TryTake(out byte[]? d, waitMillis)) return _closed ? throw new IOException("closed") : -1;
        int n = Math.Min(buffer.Length, d.Length);
        d.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (_closed || Mute) return;
        Output?.Invoke(buffer.ToArray());
    }

    public void Close() => _closed = true;
}
