namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Send side: queue, TSN assignment, congestion/peer window, SACK processing, retransmission, PR-SCTP.</summary>
public sealed partial class SctpAssociation
{
    private readonly uint _localInitialTsn;
    private uint _nextTsn;
    private uint _cumAckPoint;            // highest TSN the peer acknowledged cumulatively
    private uint _advancedPeerAckPoint;   // RFC 3758: cumulative ack point including abandoned chunks
    private readonly LinkedList<OutboundChunk> _pending = new();  // not yet given a TSN
    private readonly LinkedList<OutboundChunk> _sent = new();     // TSN assigned, above _cumAckPoint, in TSN order
    private readonly Dictionary<ushort, ushort> _nextSsn = new();
    private uint _peerRwnd;
    private int _flight, _cwnd, _ssthresh, _partialBytesAcked;
    private bool _inFastRecovery, _fastRetransmitPending, _forwardTsnNeeded;
    private uint _fastRecoveryExit;
    private int _consecutiveT3;
    private TimeSpan _rto;
    private TimeSpan? _srtt, _rttvar;

    private bool EnqueueMessage(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, bool unordered, int? maxRetransmits)
    {
        if (_terminated || payload.IsEmpty || _state > SctpAssociationState.Established || IsOutgoingResetRequested(streamId)) return false;

        ushort ssn = 0;
        if (!unordered)
        {
            _nextSsn.TryGetValue(streamId, out ssn);
            _nextSsn[streamId] = (ushort)(ssn + 1);
        }
        var message = new OutboundMessage(streamId, ssn, ppid, unordered, maxRetransmits);
        int max = _options.MaxDataPayload;
        for (int offset = 0; offset < payload.Length; offset += max)
        {
            int length = Math.Min(max, payload.Length - offset);
            var chunk = new OutboundChunk(message, payload.Slice(offset, length).ToArray(), offset == 0, offset + length == payload.Length);
            message.Fragments.Add(chunk);
            _pending.AddLast(chunk);
        }
        return true;
    }

    /// <summary>
    /// Sends everything that may go now: control chunks first, then retransmissions, then new data, bundled into
    /// packets of at most MaxPacketSize. New data respects cwnd and the peer's window (one chunk may probe a zero window).
    /// </summary>
    private void Transmit()
    {
        if (_terminated || _state < SctpAssociationState.Established) return;
        var packet = new List<SctpChunk>();
        int size = SctpPacket.HeaderSize;

        void Add(SctpChunk chunk)
        {
            if (packet.Count > 0 && size + chunk.PaddedLength > _options.MaxPacketSize) Flush();
            packet.Add(chunk);
            size += chunk.PaddedLength;
        }
        void Flush()
        {
            if (packet.Count == 0) return;
            EmitPacket(_peerTag, packet.ToArray());
            packet.Clear();
            size = SctpPacket.HeaderSize;
        }

        TrySendReconfigRequest();
        if (_sackNeeded) Add(BuildSack());
        if (_forwardTsnNeeded) { Add(BuildForwardTsn()); _forwardTsnNeeded = false; _counters.ForwardTsnsSent++; }
        if (_reconfigToSend.Count > 0) { Add(ReconfigChunk.Encode(_reconfigToSend)); _reconfigToSend.Clear(); }

        long now = Now;
        bool bypassCwnd = _fastRetransmitPending;
        _fastRetransmitPending = false;
        int bypassBudget = _options.MaxPacketSize;
        foreach (var chunk in _sent)
        {
            if (!chunk.NeedsRetransmit || chunk.Message.Abandoned) continue;
            bool fits = _flight == 0 || _flight + chunk.Size <= _cwnd;
            if (!fits && !(bypassCwnd && bypassBudget >= chunk.Size)) break;
            if (!fits) bypassBudget -= chunk.Size;
            chunk.NeedsRetransmit = false;
            chunk.TransmitCount++;
            chunk.SentTimestamp = now;
            AddFlight(chunk);
            _counters.Retransmissions++;
            _counters.DataChunksSent++;
            Add(chunk.Encode());
        }

        if (IsEstablishedForData)
        {
            while (_pending.First is { } node)
            {
                var chunk = node.Value;
                if (chunk.Message.Abandoned) { _pending.RemoveFirst(); continue; }
                if (_flight > 0 && (_flight + chunk.Size > _cwnd || _flight + chunk.Size > _peerRwnd)) break;
                if (_flight == 0 && _peerRwnd == 0 && _sent.Count > 0) break; // zero-window probe only when nothing outstanding
                _pending.RemoveFirst();
                chunk.Tsn = _nextTsn++;
                chunk.HasTsn = true;
                chunk.TransmitCount = 1;
                chunk.SentTimestamp = now;
                _sent.AddLast(chunk);
                AddFlight(chunk);
                _counters.DataChunksSent++;
                Add(chunk.Encode());
            }
        }
        Flush();

        if (_sent.Count > 0 && !_t3Rtx.IsRunning) _t3Rtx.Start(_rto);
        TrySendReconfigRequest();
        if (_reconfigToSend.Count > 0) EmitPacket(_peerTag, ReconfigChunk.Encode(_reconfigToSend));
        _reconfigToSend.Clear();
    }

    private void AddFlight(OutboundChunk chunk)
    {
        if (chunk.InFlight) return;
        chunk.InFlight = true;
        _flight += chunk.Size;
    }

    private void RemoveFlight(OutboundChunk chunk)
    {
        if (!chunk.InFlight) return;
        chunk.InFlight = false;
        _flight -= chunk.Size;
    }

    private void HandleSack(SackChunk sack)
    {
        uint cum = sack.CumulativeTsnAck;
        // Stale (reordered) SACKs and SACKs for data never sent are ignored (RFC 9260 §6.2.1).
        if (SerialNumber.Lt(cum, _cumAckPoint) || SerialNumber.Ge(cum, _nextTsn)) return;

        long now = Now;
        int flightBefore = _flight;
        bool cumAdvanced = SerialNumber.Gt(cum, _cumAckPoint);
        int newlyAcked = 0;
        uint? highestNewlyAcked = null;
        TimeSpan? rtt = null;

        void Ack(OutboundChunk c)
        {
            if (c.Acked) return;
            c.Acked = true;
            c.NeedsRetransmit = false;
            RemoveFlight(c);
            if (c.Message.Abandoned) return;
            newlyAcked += c.Size;
            highestNewlyAcked = highestNewlyAcked is { } h ? SerialNumber.Max(h, c.Tsn) : c.Tsn;
            if (c.TransmitCount == 1) rtt = _time.GetElapsedTime(c.SentTimestamp, now); // Karn: never from retransmitted chunks
        }

        while (_sent.First is { } node && SerialNumber.Le(node.Value.Tsn, cum))
        {
            Ack(node.Value);
            _sent.RemoveFirst();
        }
        _cumAckPoint = cum;
        if (SerialNumber.Lt(_advancedPeerAckPoint, cum)) _advancedPeerAckPoint = cum;

        if (sack.GapBlocks.Count > 0)
        {
            foreach (var c in _sent)
            {
                uint offset = c.Tsn - cum;
                foreach (var block in sack.GapBlocks)
                    if (block.Start > 0 && block.Start <= block.End && offset >= block.Start && offset <= block.End) { Ack(c); break; }
            }
            // Miss indications: every still-missing TSN below the highest newly acknowledged one (RFC 9260 §7.2.4).
            foreach (var c in _sent)
            {
                if (highestNewlyAcked is not { } htna || !SerialNumber.Lt(c.Tsn, htna)) break;
                if (c.Acked || c.Message.Abandoned || c.NeedsRetransmit || c.FastRetransmitted) continue;
                if (++c.MissIndications >= 3) MarkFastRetransmit(c);
            }
        }

        // Kept as the raw a_rwnd: Transmit subtracts what is in flight (RFC 9260 §6.2.1).
        _peerRwnd = sack.AdvertisedReceiverWindow;

        if (rtt is { } r) UpdateRto(r);

        if (cumAdvanced)
        {
            _consecutiveT3 = 0;
            if (_inFastRecovery && SerialNumber.Ge(cum, _fastRecoveryExit)) _inFastRecovery = false;
            if (!_inFastRecovery && newlyAcked > 0) GrowCwnd(newlyAcked, flightBefore);
            if (_sent.Count > 0) _t3Rtx.Start(_rto); else _t3Rtx.Stop();
        }
        else if (_sent.Count == 0)
        {
            _t3Rtx.Stop();
        }

        UpdateAdvancedPeerAckPoint();
    }

    private void GrowCwnd(int newlyAcked, int flightBefore)
    {
        int mtu = _options.MaxPacketSize;
        if (flightBefore + mtu < _cwnd) return; // not using the window: no evidence it can grow
        if (_cwnd <= _ssthresh)
        {
            _cwnd += Math.Min(newlyAcked, mtu);
        }
        else
        {
            _partialBytesAcked += newlyAcked;
            if (_partialBytesAcked >= _cwnd)
            {
                _partialBytesAcked -= _cwnd;
                _cwnd += mtu;
            }
        }
    }

    private void MarkFastRetransmit(OutboundChunk c)
    {
        if (!MarkForRetransmit(c)) return;
        c.FastRetransmitted = true;
        _counters.FastRetransmits++;
        _fastRetransmitPending = true;
        if (!_inFastRecovery)
        {
            _inFastRecovery = true;
            _fastRecoveryExit = _nextTsn - 1;
            _ssthresh = Math.Max(_cwnd / 2, 4 * _options.MaxPacketSize);
            _cwnd = _ssthresh;
            _partialBytesAcked = 0;
        }
    }

    /// <summary>Marks a lost chunk for retransmission, or abandons its message when its retransmission budget is spent.</summary>
    /// <returns>true if it will be retransmitted.</returns>
    private bool MarkForRetransmit(OutboundChunk c)
    {
        RemoveFlight(c);
        if (c.Message.MaxRetransmits is { } max && c.TransmitCount - 1 >= max)
        {
            Abandon(c.Message);
            return false;
        }
        c.NeedsRetransmit = true;
        return true;
    }

    private void Abandon(OutboundMessage message)
    {
        if (message.Abandoned) return;
        message.Abandoned = true;
        _counters.MessagesAbandoned++;
        foreach (var f in message.Fragments)
        {
            f.NeedsRetransmit = false;
            RemoveFlight(f);
        }
        // Unsent fragments are dropped lazily by Transmit; the receiver discards the sent ones on FORWARD-TSN.
    }

    /// <summary>RFC 3758 §3.5 C1–C3: move past abandoned chunks and announce it with FORWARD-TSN.</summary>
    private void UpdateAdvancedPeerAckPoint()
    {
        if (!_peerSupportsForwardTsn) return;
        foreach (var c in _sent)
        {
            if (SerialNumber.Le(c.Tsn, _advancedPeerAckPoint)) continue;
            if (c.Tsn != _advancedPeerAckPoint + 1 || !c.Message.Abandoned) break;
            _advancedPeerAckPoint = c.Tsn;
        }
        if (SerialNumber.Gt(_advancedPeerAckPoint, _cumAckPoint)) _forwardTsnNeeded = true;
    }

    private SctpChunk BuildForwardTsn()
    {
        var streams = new Dictionary<ushort, ushort>();
        foreach (var c in _sent)
        {
            if (SerialNumber.Gt(c.Tsn, _advancedPeerAckPoint)) break;
            if (c.Message.Unordered) continue;
            if (!streams.TryGetValue(c.Message.StreamId, out var ssn) || SerialNumber.Lt(ssn, c.Message.Ssn))
                streams[c.Message.StreamId] = c.Message.Ssn;
        }
        return new ForwardTsnChunk(_advancedPeerAckPoint, streams.Select(kv => new ForwardTsnStream(kv.Key, kv.Value)).ToArray()).ToChunk();
    }

    private void OnT3Expired()
    {
        _counters.T3Expirations++;
        if (++_consecutiveT3 > _options.MaxAssociationRetransmits)
        {
            EmitPacket(_peerTag, SimpleChunks.Abort());
            Terminate(SctpCloseReason.Timeout);
            return;
        }
        _rto = Min(_rto * 2, _options.RtoMax);
        _ssthresh = Math.Max(_cwnd / 2, 4 * _options.MaxPacketSize);
        _cwnd = _options.MaxPacketSize;
        _partialBytesAcked = 0;
        _inFastRecovery = false;
        foreach (var c in _sent)
            if (!c.Acked && !c.Message.Abandoned && !c.NeedsRetransmit) MarkForRetransmit(c);
        UpdateAdvancedPeerAckPoint();
        Transmit();
        if (_sent.Count > 0 && !_t3Rtx.IsRunning) _t3Rtx.Start(_rto);
    }

    private void UpdateRto(TimeSpan r)
    {
        if (_srtt is not { } srtt || _rttvar is not { } rttvar)
        {
            _srtt = r;
            _rttvar = r / 2;
        }
        else
        {
            _rttvar = rttvar * 0.75 + (srtt - r).Duration() * 0.25;
            _srtt = srtt * 0.875 + r * 0.125;
        }
        _rto = Min(Max(_srtt!.Value + 4 * _rttvar!.Value, _options.RtoMin), _options.RtoMax);
    }
}
