namespace HeyGenEmulator.WebRtc.Sctp;

public sealed partial class SctpAssociation
{
    private void ProcessPacket(ReadOnlySpan<byte> bytes)
    {
        if (_terminated || !SctpPacket.TryParse(bytes, out var packet) || packet.DestinationPort != _options.LocalPort
            || !HasValidVerificationTag(packet))
        {
            _counters.PacketsDropped++;
            return;
        }
        _counters.PacketsReceived++;

        bool hadData = false, hadGaps = _receivedAbove.Count > 0;
        foreach (var chunk in packet.Chunks)
        {
            if (_terminated) break;
            if (!ProcessChunk(packet, chunk, ref hadData)) break;
        }
        if (_terminated) return;

        if (hadData) AfterDataReceived(hadGaps);
        ProcessDeferredIncomingReset();
        TryProgressShutdown();
        Transmit();
    }

    /// <summary>RFC 9260 §8.5: every packet carries the receiver's tag, with the listed exceptions.</summary>
    private bool HasValidVerificationTag(SctpPacket packet)
    {
        var first = packet.Chunks[0];
        switch (first.ChunkType)
        {
            case SctpChunkType.Init:
                return packet.VerificationTag == 0 && packet.Chunks.Count == 1;
            case SctpChunkType.Abort or SctpChunkType.ShutdownComplete when (first.Flags & SimpleChunks.FlagT) != 0:
                return _peerTag != 0 && packet.VerificationTag == _peerTag;
            default:
                return packet.VerificationTag == _localTag;
        }
    }

    /// <returns>false to stop processing the rest of the packet.</returns>
    private bool ProcessChunk(SctpPacket packet, SctpChunk chunk, ref bool hadData)
    {
        switch (chunk.ChunkType)
        {
            case SctpChunkType.Data:
                if (!IsEstablishedForData && _state != SctpAssociationState.ShutdownSent) return true;
                if (DataChunk.TryParse(chunk, out var data)) { hadData = true; HandleData(data); }
                else _counters.PacketsDropped++;
                return true;
            case SctpChunkType.Init:
                if (InitChunk.TryParse(chunk, out var init) && !init.IsAck) HandleInit(init);
                else _counters.PacketsDropped++;
                return false;
            case SctpChunkType.InitAck:
                if (InitChunk.TryParse(chunk, out var initAck) && initAck.IsAck) HandleInitAck(initAck);
                return false;
            case SctpChunkType.CookieEcho:
                HandleCookieEcho(packet, chunk.Value);
                return true;
            case SctpChunkType.CookieAck:
                HandleCookieAck();
                return true;
            case SctpChunkType.Sack:
                if (SackChunk.TryParse(chunk, out var sack) && _state >= SctpAssociationState.Established) HandleSack(sack);
                return true;
            case SctpChunkType.ForwardTsn:
                if (ForwardTsnChunk.TryParse(chunk, out var forward) && _state >= SctpAssociationState.Established)
                {
                    hadData = true;
                    HandleForwardTsn(forward);
                }
                return true;
            case SctpChunkType.ReConfig:
                if (ReconfigChunk.TryParse(chunk, out var parameters) && _state >= SctpAssociationState.Established) HandleReconfig(parameters);
                return true;
            case SctpChunkType.Heartbeat:
                if (_state >= SctpAssociationState.Established)
                {
                    _counters.HeartbeatsAnswered++;
                    EmitPacket(_peerTag, SimpleChunks.HeartbeatAck(chunk.Value));
                }
                return true;
            case SctpChunkType.HeartbeatAck:
            case SctpChunkType.Error:
                return true;
            case SctpChunkType.Abort:
                Terminate(SctpCloseReason.AbortedByPeer);
                return false;
            case SctpChunkType.Shutdown:
                if (SimpleChunks.TryParseShutdown(chunk, out var cumAck)) HandleShutdown(cumAck);
                return true;
            case SctpChunkType.ShutdownAck:
                HandleShutdownAck();
                return false;
            case SctpChunkType.ShutdownComplete:
                if (_state == SctpAssociationState.ShutdownAckSent) Terminate(SctpCloseReason.Shutdown);
                return false;
            default:
                // RFC 9260 §3.2: the two high bits of an unknown type say whether to skip it or stop.
                return (chunk.Type & 0x80) != 0;
        }
    }
}
