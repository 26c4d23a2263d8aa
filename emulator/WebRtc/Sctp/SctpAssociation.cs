using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// One SCTP association carried over DTLS application data (RFC 8261): bytes in through
/// <see cref="HandlePacket"/>, bytes out through the send callback given to the constructor.
/// </summary>
/// <remarks>
/// Threading: every public member and timer callback takes one lock per association. Outgoing packets and
/// events are queued under the lock and delivered after it is released, in production order, by whichever
/// thread is then draining (the caller of HandlePacket/Send/..., or the TimeProvider's timer thread).
/// Callbacks may therefore call back into this association (or a peer) freely. Exceptions thrown by
/// callbacks are swallowed and counted in <see cref="SctpCounters.CallbackErrors"/>.
/// Wire input never throws: malformed packets are dropped and counted.
/// </remarks>
public sealed partial class SctpAssociation : IDisposable
{
    private readonly object _gate = new();
    private readonly SctpOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<byte[]> _sendPacket;
    private readonly Outbox _outbox;
    private readonly CounterSet _counters = new();
    private readonly byte[] _cookieKey = RandomNumberGenerator.GetBytes(32);

    private readonly AssociationTimer _t1Init, _t3Rtx, _delayedAck, _t2Shutdown, _reconfigTimer;

    private SctpAssociationState _state = SctpAssociationState.Closed;
    private bool _terminated;
    private readonly uint _localTag;
    private uint _peerTag;
    private bool _peerSupportsForwardTsn, _peerSupportsReconfig;
    private byte[]? _cookieToEcho;

    public SctpAssociation(Action<byte[]> sendPacket, TimeProvider? timeProvider = null, SctpOptions? options = null)
    {
        _sendPacket = sendPacket ?? throw new ArgumentNullException(nameof(sendPacket));
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new SctpOptions();
        _outbox = new Outbox(_ => Interlocked.Increment(ref _counters.CallbackErrors));
        _localTag = NonZeroRandom();
        _localInitialTsn = NonZeroRandom();
        _nextTsn = _localInitialTsn;
        _cumAckPoint = _localInitialTsn - 1;
        _advancedPeerAckPoint = _cumAckPoint;
        _nextReconfigRequestSeq = _localInitialTsn;
        _rto = _options.RtoInitial;
        _cwnd = Math.Min(4 * _options.MaxPacketSize, Math.Max(2 * _options.MaxPacketSize, 4380));
        _ssthresh = int.MaxValue;
        _t1Init = NewTimer(); _t3Rtx = NewTimer(); _delayedAck = NewTimer(); _t2Shutdown = NewTimer(); _reconfigTimer = NewTimer();
    }

    /// <summary>Handshake finished (COOKIE-ACK received, or valid COOKIE-ECHO accepted).</summary>
    public event Action? Established;

    /// <summary>A complete message arrived (ordered messages in SSN order per stream).</summary>
    public event Action<SctpMessage>? MessageReceived;

    /// <summary>Both directions of a stream were reset (RFC 6525): the data channel on it is closed; the id may be reused.</summary>
    public event Action<ushort>? StreamClosed;

    /// <summary>The association ended; no more packets will be sent.</summary>
    public event Action<SctpCloseReason>? Closed;

    public SctpAssociationState State { get { lock (_gate) return _state; } }
    public SctpCounters Counters { get { lock (_gate) return _counters.Snapshot(_bufferedBytes); } }
    public SctpOptions Options => _options;

    /// <summary>Active open: send INIT. The passive side (answering a browser) never calls this.</summary>
    public void Connect()
    {
        lock (_gate)
        {
            if (_state != SctpAssociationState.Closed || _terminated) return;
            _state = SctpAssociationState.CookieWait;
            _t1Init.Attempts = 0;
            SendInit();
        }
        _outbox.Drain();
    }

    /// <summary>Feed one received SCTP packet (one DTLS application-data record). Never throws.</summary>
    public void HandlePacket(ReadOnlySpan<byte> packet)
    {
        lock (_gate)
        {
            try
            {
                ProcessPacket(packet);
            }
            catch (Exception)
            {
                // A bug must not let a hostile packet take the caller down; the packet is counted as dropped.
                _counters.PacketsDropped++;
            }
        }
        _outbox.Drain();
    }

    /// <summary>Convenience overload for DTLS layers that hand out arrays.</summary>
    public void HandlePacket(byte[] packet) => HandlePacket(packet.AsSpan());

    /// <summary>
    /// Queue a message. Returns false if the association is closed or closing, the payload is empty
    /// (SCTP cannot carry empty messages; DCEP uses PPIDs 56/57 for that), or the stream is being reset.
    /// Messages may be queued before the handshake completes.
    /// </summary>
    public bool Send(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, bool unordered = false, int? maxRetransmits = null)
    {
        bool accepted;
        lock (_gate)
        {
            accepted = EnqueueMessage(streamId, ppid, payload, unordered, maxRetransmits);
            if (accepted && IsEstablishedForData) Transmit();
        }
        _outbox.Drain();
        return accepted;
    }

    /// <summary>Reset our outgoing side of a stream (closing its data channel); the peer is expected to reset its side too.</summary>
    public void ResetStream(ushort streamId)
    {
        lock (_gate)
        {
            QueueOutgoingReset(streamId);
            Transmit();
        }
        _outbox.Drain();
    }

    /// <summary>Graceful close: deliver what is queued, then SHUTDOWN / SHUTDOWN-ACK / SHUTDOWN-COMPLETE.</summary>
    public void Shutdown()
    {
        lock (_gate)
        {
            if (_state == SctpAssociationState.Established)
            {
                _state = SctpAssociationState.ShutdownPending;
                TryProgressShutdown();
            }
            else if (_state is SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed or SctpAssociationState.Closed)
            {
                Terminate(SctpCloseReason.Shutdown);
            }
        }
        _outbox.Drain();
    }

    /// <summary>Send ABORT and close immediately.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (!_terminated && _state != SctpAssociationState.Closed)
                EmitPacket(_peerTag, SimpleChunks.Abort());
            Terminate(SctpCloseReason.AbortedLocally);
        }
        _outbox.Drain();
    }

    /// <summary>Bytes queued or in flight, not yet acknowledged.</summary>
    public long BufferedAmount
    {
        get
        {
            lock (_gate)
                return _pending.Sum(c => (long)c.Size) + _sent.Where(c => !c.Acked).Sum(c => (long)c.Size);
        }
    }

    public void Dispose()
    {
        lock (_gate) Terminate(SctpCloseReason.Disposed);
        _outbox.Drain();
    }

    private bool IsEstablishedForData => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
        or SctpAssociationState.ShutdownReceived;

    private AssociationTimer NewTimer() => new(_time, OnTimerFired);

    private void OnTimerFired(AssociationTimer timer, long generation)
    {
        lock (_gate)
        {
            if (_terminated || !timer.TryConsume(generation)) return;
            try
            {
                if (timer == _t1Init) OnT1Expired();
                else if (timer == _t3Rtx) OnT3Expired();
                else if (timer == _delayedAck) { _sackNeeded = true; Transmit(); }
                else if (timer == _t2Shutdown) OnT2Expired();
                else if (timer == _reconfigTimer) OnReconfigTimerExpired();
            }
            catch (Exception)
            {
                _counters.CallbackErrors++;
            }
        }
        _outbox.Drain();
    }

    private void Terminate(SctpCloseReason reason)
    {
        if (_terminated) return;
        _terminated = true;
        _state = SctpAssociationState.Closed;
        foreach (var t in new[] { _t1Init, _t3Rtx, _delayedAck, _t2Shutdown, _reconfigTimer }) t.Stop();
        _pending.Clear();
        _sent.Clear();
        Raise(() => Closed?.Invoke(reason));
    }

    private void Raise(Action action) => _outbox.Enqueue(action);

    private void EmitPacket(uint verificationTag, params SctpChunk[] chunks)
    {
        var bytes = new SctpPacket(_options.LocalPort, _options.RemotePort, verificationTag, chunks).ToArray();
        _counters.PacketsSent++;
        _outbox.Enqueue(() => _sendPacket(bytes));
    }

    private static uint NonZeroRandom()
    {
        uint v;
        do v = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue); while (v == 0);
        return v;
    }

    private long Now => _time.GetTimestamp();
}
