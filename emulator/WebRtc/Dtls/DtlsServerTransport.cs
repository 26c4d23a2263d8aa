using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Security;
using BcDtlsTransport = Org.BouncyCastle.Crypto.Tls.DtlsTransport;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// The DTLS server end of a WebRTC transport (the browser is the DTLS client, RFC 8842 a=setup:passive on our
/// side). Datagrams come in through <see cref="Feed"/>, go out through the send callback. BouncyCastle is
/// blocking, so the handshake and then the application-data receive loop run on one dedicated background
/// thread per connection; every event is raised on that thread, once, in the order Connected → (Failed | Closed),
/// or directly Failed/Closed. Handlers must not block for long: they hold up DTLS receiving.
/// Nothing arriving from the wire makes this throw.
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

    /// <summary>Completes when the DTLS thread has exited.</summary>
    public Task Completion => _completion.Task;

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
            Interlocked.Increment(ref _dropped);
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
        if (worker is null)
        {
            Finish(DtlsState.Closed, null);
            _completion.TrySetResult();
        }
        else if (worker != Thread.CurrentThread)
        {
            worker.Join(TimeSpan.FromSeconds(5));
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
        try
        {
            BcDtlsTransport dtls;
            try
            {
                dtls = new DtlsServerProtocol(new SecureRandom()).Accept(_server, _udp);
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
            ReceiveLoop(dtls);
        }
        catch (Exception e)
        {
            Finish(DtlsState.Failed, "DTLS thread error: " + e.Message);
        }
        finally
        {
            _udp.Close();
            _completion.TrySetResult();
        }
    }

    private void ReceiveLoop(BcDtlsTransport dtls)
    {
        byte[] buffer = new byte[Math.Max(dtls.GetReceiveLimit(), 1)];
        while (!_closeRequested)
        {
            int length;
            try
            {
                length = dtls.Receive(buffer, 0, buffer.Length, 250);
            }
            catch (Exception e)
            {
                if (_closeRequested || _server.PeerClosed) Finish(DtlsState.Closed, null);
                else Finish(DtlsState.Failed, _server.FailureReason ?? "DTLS receive failed: " + e.Message);
                return;
            }
            if (length < 0) continue; // nothing within the wait; loop to notice Close
            byte[] data = buffer.AsSpan(0, length).ToArray();
            Raise(() => DataReceived?.Invoke(data));
        }
        Finish(DtlsState.Closed, null);
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
