using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// Adapts push-style UDP (the caller's receive loop feeds datagrams) to BouncyCastle's blocking pull-style
/// <see cref="DatagramTransport"/>. Feeding never blocks: when the inbox is full the datagram is dropped, as a
/// socket buffer would. Closing makes any pending or later Receive throw, which is how BouncyCastle's blocking
/// calls get interrupted.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Close interrupts a blocked Receive; disposing the inbox under BouncyCastle's reader would throw where it must return")]
internal sealed class QueuedDatagramTransport : DatagramTransport
{
    private const int InboxCapacity = 512;

    private readonly BlockingCollection<byte[]> _inbox = new(new ConcurrentQueue<byte[]>(), InboxCapacity);
    private readonly CancellationTokenSource _closed = new();
    private readonly Action<byte[]> _send;
    private readonly int _sendLimit;
    private readonly int _receiveLimit;
    private int _isClosed;

    public QueuedDatagramTransport(Action<byte[]> send, int sendLimit, int receiveLimit)
    {
        _send = send;
        _sendLimit = sendLimit;
        _receiveLimit = receiveLimit;
    }

    public bool IsClosed => Volatile.Read(ref _isClosed) != 0;

    /// <summary>Datagrams fed and not yet read.</summary>
    public int Pending => IsClosed ? 0 : _inbox.Count;

    /// <summary>Exceptions thrown by the send callback; they are swallowed so the DTLS layer keeps running.</summary>
    public Exception? LastSendError { get; private set; }

    public bool Enqueue(byte[] datagram)
    {
        if (IsClosed) return false;
        try
        {
            return _inbox.TryAdd(datagram);
        }
        catch (InvalidOperationException)
        {
            return false; // completed concurrently by Close
        }
    }

    public int GetReceiveLimit() => _receiveLimit;

    public int GetSendLimit() => _sendLimit;

    /// <summary>Calls to <see cref="Receive"/> so far: an idle connection must not keep calling it.</summary>
    public long ReceiveCalls => Interlocked.Read(ref _receiveCalls);
    private long _receiveCalls;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        Interlocked.Increment(ref _receiveCalls);
        if (IsClosed) throw new IOException("DTLS transport closed");
        byte[]? datagram;
        try
        {
            if (!_inbox.TryTake(out datagram, Math.Max(waitMillis, 0), _closed.Token)) return -1;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            throw new IOException("DTLS transport closed");
        }
        int length = Math.Min(buffer.Length, datagram.Length);
        datagram.AsSpan(0, length).CopyTo(buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (IsClosed) return; // after close only a best-effort alert could be lost; nothing else is sent
        try
        {
            _send(buffer.ToArray());
        }
        catch (Exception e)
        {
            LastSendError = e;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _isClosed, 1) != 0) return;
        _closed.Cancel();
    }
}
