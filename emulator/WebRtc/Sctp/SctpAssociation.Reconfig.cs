namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// Stream reset (RFC 6525), which is how WebRTC closes a data channel: each side sends an Outgoing SSN Reset
/// Request for the stream and answers the other's. A stream is closed once both directions are reset.
/// </summary>
public sealed partial class SctpAssociation
{
    private readonly SortedSet<ushort> _outgoingResetQueued = new();
    private OutgoingSsnResetRequest? _reconfigInFlight;
    private uint _nextReconfigRequestSeq;
    private uint _expectedPeerReconfigSeq;
    private ReconfigResponse? _lastReconfigResponse;
    private OutgoingSsnResetRequest? _deferredIncomingReset;
    private readonly HashSet<ushort> _outgoingResetDone = new(), _incomingResetDone = new();
    private readonly List<SctpParameter> _reconfigToSend = new();

    private bool IsOutgoingResetRequested(ushort streamId) =>
        _outgoingResetQueued.Contains(streamId) || _outgoingResetDone.Contains(streamId)
        || (_reconfigInFlight?.Streams.Contains(streamId) ?? false);

    private void QueueOutgoingReset(ushort streamId)
    {
        if (_terminated || IsOutgoingResetRequested(streamId)) return;
        if (!_peerSupportsReconfig && _state >= SctpAssociationState.Established)
        {
            // Without RE-CONFIG the peer cannot be told; consider the stream closed locally.
            Raise(() => StreamClosed?.Invoke(streamId));
            return;
        }
        _outgoingResetQueued.Add(streamId);
    }

    /// <summary>One request in flight at a time (RFC 6525 §5.1.1); a stream waits until its queued data has TSNs.</summary>
    private void TrySendReconfigRequest()
    {
        if (_reconfigInFlight is not null || _outgoingResetQueued.Count == 0 || _state != SctpAssociationState.Established) return;
        var busy = new HashSet<ushort>(_pending.Where(c => !c.Message.Abandoned).Select(c => c.Message.StreamId));
        var ready = _outgoingResetQueued.Where(s => !busy.Contains(s)).ToArray();
        if (ready.Length == 0) return;
        foreach (var s in ready) _outgoingResetQueued.Remove(s);
        _reconfigInFlight = new OutgoingSsnResetRequest(_nextReconfigRequestSeq++, _expectedPeerReconfigSeq - 1, _nextTsn - 1, ready);
        _reconfigToSend.Add(_reconfigInFlight.ToParameter());
        _reconfigTimer.Start(_rto);
    }

    private void OnReconfigTimerExpired()
    {
        if (_reconfigInFlight is null) return;
        EmitPacket(_peerTag, ReconfigChunk.Encode([_reconfigInFlight.ToParameter()]));
        _reconfigTimer.Start(_rto);
    }

    private void HandleReconfig(List<SctpParameter> parameters)
    {
        foreach (var p in parameters)
        {
            if (OutgoingSsnResetRequest.TryParse(p, out var request)) HandlePeerResetRequest(request);
            else if (ReconfigResponse.TryParse(p, out var response)) HandleReconfigResponse(response);
            else if (p.Type == SctpParameter.IncomingSsnResetRequest && p.Value.Length >= 4)
                Respond(new ReconfigResponse(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p.Value), ReconfigResult.Denied), advance: true);
        }
    }

    private void HandlePeerResetRequest(OutgoingSsnResetRequest request)
    {
        if (request.RequestSequence == _expectedPeerReconfigSeq)
        {
            if (_deferredIncomingReset?.RequestSequence == request.RequestSequence) return; // retransmission, still waiting
            // The peer may have sent data up to LastAssignedTsn that we have not received yet: wait for it.
            _deferredIncomingReset = request;
            ProcessDeferredIncomingReset();
        }
        else if (request.RequestSequence == _expectedPeerReconfigSeq - 1 && _lastReconfigResponse is not null)
        {
            _reconfigToSend.Add(_lastReconfigResponse.ToParameter()); // our response was lost
        }
        else
        {
            _reconfigToSend.Add(new ReconfigResponse(request.RequestSequence, ReconfigResult.ErrorBadSequenceNumber).ToParameter());
        }
    }

    private void ProcessDeferredIncomingReset()
    {
        if (_deferredIncomingReset is not { } request || SerialNumber.Lt(_peerCumTsn, request.LastAssignedTsn)) return;
        _deferredIncomingReset = null;
        IEnumerable<ushort> streams = request.Streams.Count > 0 ? request.Streams : _inStreams.Keys.ToArray();
        foreach (var id in streams)
        {
            if (_inStreams.Remove(id, out var stream))
                foreach (var waiting in stream.Waiting.Values) _bufferedBytes -= waiting.Payload.Length;
            _incomingResetDone.Add(id);
            // The peer closed its side; close ours so the channel closes in both directions.
            QueueOutgoingReset(id);
            CheckStreamClosed(id);
        }
        Respond(new ReconfigResponse(request.RequestSequence, ReconfigResult.SuccessPerformed), advance: true);
    }

    private void Respond(ReconfigResponse response, bool advance)
    {
        _lastReconfigResponse = response;
        if (advance) _expectedPeerReconfigSeq++;
        _reconfigToSend.Add(response.ToParameter());
    }

    private void HandleReconfigResponse(ReconfigResponse response)
    {
        if (_reconfigInFlight is not { } request || response.ResponseSequence != request.RequestSequence) return;
        if (response.Result == ReconfigResult.InProgress)
        {
            _reconfigTimer.Start(_rto); // ask again later
            return;
        }
        _reconfigTimer.Stop();
        _reconfigInFlight = null;
        // Denied or an error cannot be fixed by retrying; the stream is treated as reset so the channel still closes.
        foreach (var id in request.Streams)
        {
            _nextSsn.Remove(id);
            _outgoingResetDone.Add(id);
            CheckStreamClosed(id);
        }
    }

    private void CheckStreamClosed(ushort id)
    {
        if (!_outgoingResetDone.Contains(id) || !_incomingResetDone.Contains(id)) return;
        _outgoingResetDone.Remove(id);
        _incomingResetDone.Remove(id);
        Raise(() => StreamClosed?.Invoke(id));
    }
}
