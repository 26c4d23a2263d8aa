using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Tls;
using BcDtlsTransport = Org.BouncyCastle.Tls.DtlsTransport;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// The DTLS server end of a WebRTC transport (the browser is the DTLS client, RFC 8842 a=setup:passive on our
/// side). Datagrams come in through <see cref="Feed"/>, go out through the send callback. BouncyCastle's handshake
/// is blocking, so it runs on a background thread of its own, which exits once the handshake is over: from then on
/// the records a <see cref="Feed"/> queues are read on the thread pool, one reader at a time, so an established
/// connection holds no thread (a hundred sessions would otherwise park a hundred threads). Events are raised in
/// order, never concurrently: Connected → DataReceived… → (Failed | Closed), or directly Failed/Closed.
/// Handlers must not block for long: they hold up DTLS receiving. Nothing arriving from the wire makes this throw.
/// </summary>
public sealed class DtlsServerTransport : IDisposable
{
    private readonly QueuedDatagramTransport _udp;
    private readonly DtlsSrtpTlsServer _server;
    private readonly DtlsServerOptions _options;
    private readonly object _sendLock = new();
    private readonly object _lifecycleLock = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile BcDtlsTransport? _dtls;
    private Thread? _worker;
    private Timer? _handshakeTimer;
    private volatile bool _closeRequested;
    private volatile bool _timedOut;
    private volatile DtlsState _state = DtlsState.New;
    private int _finished;
    // Set once Connected has been raised: from then on Feed schedules a reader on the thread pool.
    private volatile bool _pumping;
    // 1 while a reader is scheduled or running; it is the only one touching _pumpBuffer and reading from _dtls.
    private int _pumpBusy;
    private byte[]? _pumpBuffer;
    private int _pumpThread; // managed id of the thread running the reader, 0 when none
    private long _dropped;
    private long _startedAt;

    /// <param name="certificate">Our certificate; its fingerprint went into our SDP.</param>
    /// <param name="expectedClientFingerprint">
    /// The peer's <c>a=fingerprint</c> (<c>AA:BB:…</c>, optionally prefixed by <c>sha-256 </c>). The browser's certificate
    /// must match it or the handshake fails with bad_certificate. Null accepts any client certificate (tests only).
    /// </param>
    /// <param name="send">Sends one datagram to the peer; called from the DTLS thread or a caller of Send/Close.</param>
    public DtlsServerTransport(DtlsCertificate certificate, string? expectedClientFingerprint, Action<byte[]> send, DtlsServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(send);
        byte[]? expected = null;
        if (expectedClientFingerprint is not null && !DtlsFingerprint.TryParse(expectedClientFingerprint, out expected))
            throw new ArgumentException($"not a SHA-256 fingerprint: '{expectedClientFingerprint}'", nameof(expectedClientFingerprint));
        _options = options ?? new DtlsServerOptions();
        _udp = new QueuedDatagramTransport(send, _options.Mtu, _options.ReceiveLimit);
        _server = new DtlsSrtpTlsServer(certificate, expected, [.. _options.SrtpProfiles], _options.RequireSrtp,
            (int)_options.HandshakeTimeout.TotalMilliseconds);
    }

    /// <summary>Handshake done. The keys are null only when SRTP was not required and not negotiated.</summary>
    public event Action<DtlsSrtpKeys?>? Connected;

    /// <summary>Handshake or connection failed (timeout, alert, bad certificate…); the reason is for logs.</summary>
    public event Action<string>? Failed;

    /// <summary>Closed by us or by the peer's close_notify.</summary>
    public event Action? Closed;

    /// <summary>One decrypted DTLS application-data record (for SCTP). The array is the handler's to keep.</summary>
    public event Action<byte[]>? DataReceived;

    public DtlsState State => _state;

    public DtlsSrtpKeys? Keys => _server.Keys;

    public SrtpProfile? SrtpProfile => _server.SelectedSrtpProfile;

    /// <summary>SHA-256 fingerprint of the certificate the client presented, once it has.</summary>
    public string? RemoteFingerprint => _server.ClientFingerprint;

    /// <summary>Why the connection failed, when <see cref="State"/> is Failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Largest payload <see cref="Send"/> accepts (0 before the handshake).</summary>
    public int MaxApplicationDataSize => _dtls?.GetSendLimit() ?? 0;

    /// <summary>Datagrams ignored because they were not DTLS records or the inbox was full.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _dropped);

    /// <summary>Completes when the connection has ended and no DTLS work (handshake thread, reader) is left.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Reads from the datagram inbox so far (BouncyCastle pulls; an idle connection must not).</summary>
    internal long InboxReads => _udp.ReceiveCalls;

    /// <summary>The handshake thread; it exits when the handshake is over, whatever its outcome.</summary>
    internal Thread? WorkerThread => _worker;

    /// <summary>Starts the handshake thread; the handshake timeout counts from here. Attach handlers first.</summary>
    public void Start()
    {
        lock (_lifecycleLock)
        {
            if (_state != DtlsState.New) return;
            _state = DtlsState.Connecting;
            _startedAt = Environment.TickCount64;
            _worker = new Thread(Run) { IsBackground = true, Name = "dtls-server" };
            _handshakeTimer = new Timer(_ => OnHandshakeTimeout(), null, _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
            _worker.Start();
        }
    }

    /// <summary>
    /// Hands over one datagram received from the peer. Copies it, never blocks, never throws; non-DTLS datagrams
    /// and datagrams beyond the inbox capacity are dropped. May be called before <see cref="Start"/>.
    /// </summary>
    public void Feed(ReadOnlySpan<byte> datagram)
    {
        if (!DtlsRecordFilter.LooksLikeDtls(datagram) || !_udp.Enqueue(datagram.ToArray()))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (_pumping) SchedulePump();
    }

    /// <summary>
    /// Sends application data in one DTLS record. Returns false when not connected, when the data is empty or
    /// larger than <see cref="MaxApplicationDataSize"/>, or when the connection failed. Thread-safe.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> data)
    {
        BcDtlsTransport? dtls = _dtls;
        if (dtls is null || _state != DtlsState.Connected || data.IsEmpty) return false;
        byte[] copy = data.ToArray();
        lock (_sendLock)
        {
            try
            {
                if (copy.Length > dtls.GetSendLimit()) return false;
                dtls.Send(copy, 0, copy.Length);
                return true;
            }
            catch (Exception)
            {
                // BouncyCastle has marked the connection failed and closed our transport; the receive loop reports it.
                return false;
            }
        }
    }

    /// <summary>Sends close_notify if connected, stops the DTLS thread and raises Closed (unless already ended).</summary>
    public void Close()
    {
        Thread? worker;
        lock (_lifecycleLock)
        {
            _closeRequested = true;
            worker = _worker;
        }
        _handshakeTimer?.Dispose();
        BcDtlsTransport? dtls = _dtls;
        if (dtls is not null)
        {
            lock (_sendLock)
            {
                try { dtls.Close(); } catch (Exception) { /* the peer may already be gone */ }
            }
        }
        _udp.Close();
        if (worker is not null && worker != Thread.CurrentThread) worker.Join(TimeSpan.FromSeconds(5));
        // Before a start, or after the handshake, no thread is left to notice the close. After the handshake, take the
        // reader role first (unless this is the reader, closing from a handler), so Closed never overlaps DataReceived.
        if (worker is null || _pumping)
        {
            if (_pumping && Volatile.Read(ref _pumpThread) != Environment.CurrentManagedThreadId)
                SpinWait.SpinUntil(() => Interlocked.CompareExchange(ref _pumpBusy, 1, 0) == 0, TimeSpan.FromSeconds(5));
            Finish(DtlsState.Closed, null);
            _completion.TrySetResult();
        }
    }

    public void Dispose() => Close();

    private void OnHandshakeTimeout()
    {
        if (_state != DtlsState.Connecting) return;
        _timedOut = true;
        _udp.Close(); // makes the blocked Accept throw
    }

    private void Run()
    {
        bool handedOver = false;
        try
        {
            BcDtlsTransport dtls;
            try
            {
                dtls = new DtlsServerProtocol().Accept(_server, _udp);
            }
            catch (Exception e)
            {
                if (_closeRequested) Finish(DtlsState.Closed, null);
                else Finish(DtlsState.Failed, HandshakeFailureReason(e));
                return;
            }
            _handshakeTimer?.Dispose();

            lock (_lifecycleLock)
            {
                if (!_closeRequested)
                {
                    _dtls = dtls;
                    _state = DtlsState.Connected;
                }
            }
            if (_closeRequested)
            {
                try { dtls.Close(); } catch (Exception) { }
                Finish(DtlsState.Closed, null);
                return;
            }

            Raise(() => Connected?.Invoke(_server.Keys));
            _pumpBuffer = new byte[Math.Max(dtls.GetReceiveLimit(), 1)];
            _pumping = true;
            handedOver = true;
            SchedulePump(); // records that arrived while Connected was being raised
        }
        catch (Exception e)
        {
            Finish(DtlsState.Failed, "DTLS thread error: " + e.Message);
        }
        finally
        {
            // From the hand-over on, the reader owns the transport and completes it.
            if (!handedOver)
            {
                _udp.Close();
                _completion.TrySetResult();
            }
        }
    }

    private void SchedulePump()
    {
        if (Interlocked.CompareExchange(ref _pumpBusy, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Pump(), this, preferLocal: false);
    }

    /// <summary>Reads every queued record without waiting, then gives the reader role back.</summary>
    private void Pump()
    {
        BcDtlsTransport dtls = _dtls!;
        byte[] buffer = _pumpBuffer!;
        Volatile.Write(ref _pumpThread, Environment.CurrentManagedThreadId);
        while (true)
        {
            while (!_closeRequested)
            {
                int length;
                try
                {
                    // 1 ms, not 0: BouncyCastle 1.8.10 read a wait of 0 as "no deadline" and spun on an empty inbox; kept on 2.x.
                    length = dtls.Receive(buffer, 0, buffer.Length, 1);
                }
                catch (Exception e)
                {
                    // Our transport was closed (by Close, or by BouncyCastle on close_notify or a fatal alert).
                    if (_closeRequested || _server.PeerClosed) Finish(DtlsState.Closed, null);
                    else Finish(DtlsState.Failed, _server.FailureReason ?? "DTLS receive failed: " + e.Message);
                    End();
                    return;
                }
                if (length < 0) break;
                byte[] data = buffer.AsSpan(0, length).ToArray();
                Raise(() => DataReceived?.Invoke(data));
            }
            if (_closeRequested || _udp.IsClosed)
            {
                Finish(DtlsState.Closed, null);
                End();
                return;
            }
            Volatile.Write(ref _pumpThread, 0);
            Volatile.Write(ref _pumpBusy, 0);
            // A datagram fed between the last read and the release found the role taken: take it back for it.
            if (_udp.Pending == 0 || Interlocked.CompareExchange(ref _pumpBusy, 1, 0) != 0) return;
            Volatile.Write(ref _pumpThread, Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>The reader's last act: no more reading, and a waiting Close may go on.</summary>
    private void End()
    {
        _pumping = false;
        _udp.Close();
        _completion.TrySetResult();
        Volatile.Write(ref _pumpThread, 0);
        Volatile.Write(ref _pumpBusy, 0);
    }

    private string HandshakeFailureReason(Exception e)
    {
        if (_timedOut || Environment.TickCount64 - _startedAt >= (long)_options.HandshakeTimeout.TotalMilliseconds)
            return $"DTLS handshake timed out after {_options.HandshakeTimeout.TotalSeconds:0.#} s";
        return _server.FailureReason ?? "DTLS handshake failed: " + e.Message;
    }

    private void Finish(DtlsState final, string? reason)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0) return;
        FailureReason = reason;
        _state = final;
        _handshakeTimer?.Dispose();
        if (final == DtlsState.Failed) Raise(() => Failed?.Invoke(reason ?? "DTLS failed"));
        else Raise(() => Closed?.Invoke());
    }

    private static void Raise(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception)
        {
            // A throwing handler must not take the DTLS thread down with it.
        }
    }
}
