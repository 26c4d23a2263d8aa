namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Receive side: duplicate detection, reassembly, per-stream ordering, SACK generation, FORWARD-TSN.</summary>
public sealed partial class SctpAssociation
{
    private const int MaxGapBlocksPerSack = 64;
    private const int MaxDuplicatesPerSack = 16;
    private const uint MaxTsnLead = 1u << 20; // TSNs further ahead than this cannot be legitimate within any window

    private uint _peerCumTsn;                                                         // last TSN received in sequence
    private readonly SortedSet<uint> _receivedAbove = new(SerialNumber.TsnComparer.Instance); // received TSNs above it
    private readonly Dictionary<uint, DataChunk> _fragments = new();                 // fragments awaiting reassembly
    private readonly Dictionary<ushort, InboundStream> _inStreams = new();
    private readonly List<uint> _duplicates = new();
    private int _bufferedBytes;

    /// <summary>What we tell the peer (a_rwnd): the window less an eighth kept for hole-filling retransmissions.</summary>
    private int AdvertisedWindow => _options.ReceiveWindow - _options.ReceiveWindow / 8;
    private int _dataPacketsSinceSack;
    private bool _sackNeeded;

    private void HandleData(DataChunk d)
    {
        _counters.DataChunksReceived++;
        if (SerialNumber.Le(d.Tsn, _peerCumTsn) || _receivedAbove.Contains(d.Tsn))
        {
            _counters.DuplicateTsnsReceived++;
            if (_duplicates.Count < MaxDuplicatesPerSack) _duplicates.Add(d.Tsn);
            return;
        }
        if (d.Tsn - _peerCumTsn > MaxTsnLead) return;
        // We advertise the window less a headroom; only chunks that fill holes may use the headroom, since those are
        // what lets buffered fragments complete and leave (refusing them could deadlock a buffer of incomplete
        // messages). Nothing passes the window itself: a message too big for it is dropped, chunk by chunk.
        bool fillsHole = d.Tsn == _peerCumTsn + 1 || (_receivedAbove.Count > 0 && SerialNumber.Lt(d.Tsn, _receivedAbove.Max));
        long after = (long)_bufferedBytes + d.UserData.Length;
        if (after > _options.ReceiveWindow || (after > AdvertisedWindow && !fillsHole))
        {
            _counters.DataChunksRefused++;
            return;
        }

        MarkReceived(d.Tsn);
        if (d.StreamId >= _options.InboundStreams) return;

        if (d.Beginning && d.Ending)
        {
            Complete(new SctpMessage(d.StreamId, d.Ppid, d.UserData, d.Unordered), d.Ssn);
            return;
        }
        _fragments[d.Tsn] = d;
        _bufferedBytes += d.UserData.Length;
        TryReassemble(d);
    }

    private void MarkReceived(uint tsn)
    {
        if (tsn == _peerCumTsn + 1)
        {
            _peerCumTsn = tsn;
            AdvanceCumulativeTsn();
        }
        else
        {
            _receivedAbove.Add(tsn);
        }
    }

    private void AdvanceCumulativeTsn()
    {
        while (_receivedAbove.Count > 0 && _receivedAbove.Min == _peerCumTsn + 1)
        {
            _receivedAbove.Remove(_peerCumTsn + 1);
            _peerCumTsn++;
        }
    }

    /// <summary>Fragments of one message have consecutive TSNs (RFC 9260 §6.9): look for its B and E around this one.</summary>
    private void TryReassemble(DataChunk d)
    {
        bool SameMessage(DataChunk a, DataChunk b) =>
            a.StreamId == b.StreamId && a.Unordered == b.Unordered && (a.Unordered || a.Ssn == b.Ssn);

        uint first = d.Tsn;
        var cursor = d;
        while (!cursor.Beginning)
        {
            if (!_fragments.TryGetValue(first - 1, out var previous) || previous.Ending || !SameMessage(previous, d)) return;
            first--;
            cursor = previous;
        }
        uint last = d.Tsn;
        cursor = d;
        while (!cursor.Ending)
        {
            if (!_fragments.TryGetValue(last + 1, out var next) || next.Beginning || !SameMessage(next, d)) return;
            last++;
            cursor = next;
        }

        int length = 0;
        for (uint t = first; t != last + 1; t++) length += _fragments[t].UserData.Length;
        var payload = new byte[length];
        int offset = 0;
        for (uint t = first; t != last + 1; t++)
        {
            var f = _fragments[t];
            f.UserData.CopyTo(payload, offset);
            offset += f.UserData.Length;
            _fragments.Remove(t);
        }
        _bufferedBytes -= length;
        Complete(new SctpMessage(d.StreamId, d.Ppid, payload, d.Unordered), d.Ssn);
    }

    private void Complete(SctpMessage message, ushort ssn)
    {
        if (message.Unordered)
        {
            Deliver(message);
            return;
        }
        var stream = InStream(message.StreamId);
        if (ssn == stream.NextSsn)
        {
            Deliver(message);
            stream.NextSsn++;
            DeliverWaiting(stream);
        }
        else if (SerialNumber.Lt(stream.NextSsn, ssn) && stream.Waiting.TryAdd(ssn, message))
        {
            _bufferedBytes += message.Payload.Length;
        }
    }

    private void DeliverWaiting(InboundStream stream)
    {
        while (stream.Waiting.Remove(stream.NextSsn, out var next))
        {
            _bufferedBytes -= next.Payload.Length;
            Deliver(next);
            stream.NextSsn++;
        }
    }

    private InboundStream InStream(ushort id)
    {
        if (!_inStreams.TryGetValue(id, out var s)) _inStreams[id] = s = new InboundStream();
        return s;
    }

    private void Deliver(SctpMessage message) => Raise(() => MessageReceived?.Invoke(message));

    /// <summary>SACK at once on loss, duplicates or a filled gap; otherwise every second packet or after the delayed-ack timeout.</summary>
    private void AfterDataReceived(bool hadGaps)
    {
        _dataPacketsSinceSack++;
        if (_receivedAbove.Count > 0 || hadGaps || _duplicates.Count > 0 || _dataPacketsSinceSack >= 2
            || _state != SctpAssociationState.Established)
        {
            _sackNeeded = true;
        }
        else if (!_delayedAck.IsRunning)
        {
            _delayedAck.Start(_options.DelayedAckTimeout);
        }
    }

    private SctpChunk BuildSack()
    {
        _sackNeeded = false;
        _dataPacketsSinceSack = 0;
        _delayedAck.Stop();
        var blocks = new List<GapAckBlock>();
        uint? runStart = null, runEnd = null;
        foreach (var tsn in _receivedAbove)
        {
            if (runEnd is { } end && tsn == end + 1) { runEnd = tsn; continue; }
            if (runStart is { } s) blocks.Add(new GapAckBlock((ushort)(s - _peerCumTsn), (ushort)(runEnd!.Value - _peerCumTsn)));
            if (blocks.Count == MaxGapBlocksPerSack || tsn - _peerCumTsn > ushort.MaxValue) { runStart = null; break; }
            runStart = runEnd = tsn;
        }
        if (runStart is { } last && blocks.Count < MaxGapBlocksPerSack)
            blocks.Add(new GapAckBlock((ushort)(last - _peerCumTsn), (ushort)(runEnd!.Value - _peerCumTsn)));
        var sack = new SackChunk(_peerCumTsn, (uint)Math.Max(0, AdvertisedWindow - _bufferedBytes), blocks, _duplicates.ToArray());
        _duplicates.Clear();
        return sack.ToChunk();
    }

    /// <summary>RFC 3758 §3.6: skip abandoned TSNs, drop their fragments and move ordered streams past skipped SSNs.</summary>
    private void HandleForwardTsn(ForwardTsnChunk forward)
    {
        _counters.ForwardTsnsReceived++;
        _sackNeeded = true;
        uint newCum = forward.NewCumulativeTsn;
        if (!SerialNumber.Gt(newCum, _peerCumTsn) || newCum - _peerCumTsn > MaxTsnLead) return;

        foreach (var tsn in _fragments.Keys.Where(t => SerialNumber.Le(t, newCum)).ToList())
        {
            _bufferedBytes -= _fragments[tsn].UserData.Length;
            _fragments.Remove(tsn);
        }
        _receivedAbove.RemoveWhere(t => SerialNumber.Le(t, newCum));
        _peerCumTsn = newCum;
        AdvanceCumulativeTsn();
        // Later fragments of a message whose start was skipped can never complete.
        for (uint t = newCum + 1; _fragments.TryGetValue(t, out var orphan) && !orphan.Beginning; t++)
        {
            _bufferedBytes -= orphan.UserData.Length;
            _fragments.Remove(t);
            if (orphan.Ending) break;
        }

        foreach (var skipped in forward.Streams)
        {
            var stream = InStream(skipped.StreamId);
            if (SerialNumber.Lt(skipped.Ssn, stream.NextSsn)) continue;
            foreach (var ssn in stream.Waiting.Keys.Where(s => SerialNumber.Le(s, skipped.Ssn)).ToList())
            {
                _bufferedBytes -= stream.Waiting[ssn].Payload.Length;
                stream.Waiting.Remove(ssn);
            }
            stream.NextSsn = (ushort)(skipped.Ssn + 1);
            DeliverWaiting(stream);
        }
    }
}
