namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Graceful shutdown (RFC 9260 §9.2): wait for outstanding data, then SHUTDOWN / SHUTDOWN-ACK / SHUTDOWN-COMPLETE.</summary>
public sealed partial class SctpAssociation
{
    private void TryProgressShutdown()
    {
        if (_pending.Count > 0 || _sent.Count > 0) return;
        if (_state == SctpAssociationState.ShutdownPending)
        {
            _state = SctpAssociationState.ShutdownSent;
            _t2Shutdown.Attempts = 0;
            SendShutdownChunk();
        }
        else if (_state == SctpAssociationState.ShutdownReceived)
        {
            _state = SctpAssociationState.ShutdownAckSent;
            _t2Shutdown.Attempts = 0;
            SendShutdownChunk();
        }
    }

    private void SendShutdownChunk()
    {
        if (_state == SctpAssociationState.ShutdownSent) EmitPacket(_peerTag, SimpleChunks.Shutdown(_peerCumTsn));
        else if (_state == SctpAssociationState.ShutdownAckSent) EmitPacket(_peerTag, SimpleChunks.ShutdownAck());
        else return;
        _t2Shutdown.Start(_rto);
    }

    private void HandleShutdown(uint cumulativeTsnAck)
    {
        if (_state < SctpAssociationState.Established) return;
        // SHUTDOWN carries a cumulative ack; treat it like a SACK without gaps.
        HandleSack(new SackChunk(cumulativeTsnAck, _peerRwnd, [], []));
        if (_state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending)
            _state = SctpAssociationState.ShutdownReceived;
        else if (_state == SctpAssociationState.ShutdownSent)
        {
            // Both sides shut down at once (RFC 9260 §9.2): answer with SHUTDOWN-ACK.
            _state = SctpAssociationState.ShutdownAckSent;
            SendShutdownChunk();
        }
    }

    private void HandleShutdownAck()
    {
        if (_state is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent)) return;
        EmitPacket(_peerTag, SimpleChunks.ShutdownComplete());
        Terminate(SctpCloseReason.Shutdown);
    }

    private void OnT2Expired()
    {
        if (++_t2Shutdown.Attempts > _options.MaxInitRetransmits)
        {
            EmitPacket(_peerTag, SimpleChunks.Abort());
            Terminate(SctpCloseReason.Timeout);
            return;
        }
        _rto = Min(_rto * 2, _options.RtoMax);
        SendShutdownChunk();
    }
}
