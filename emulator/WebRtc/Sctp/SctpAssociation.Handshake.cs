namespace HeyGenEmulator.WebRtc.Sctp;

public sealed partial class SctpAssociation
{
    private InitChunk OurInit(bool isAck, byte[]? cookie)
    {
        var parameters = new List<SctpParameter>();
        if (cookie is not null) parameters.Add(new SctpParameter(SctpParameter.StateCookie, cookie));
        parameters.AddRange(InitChunk.CapabilityParameters());
        return new InitChunk(isAck, _localTag, (uint)AdvertisedWindow, _options.OutboundStreams, _options.InboundStreams,
            _localInitialTsn, parameters);
    }

    private void SendInit()
    {
        EmitPacket(0, OurInit(isAck: false, cookie: null).ToChunk());
        _t1Init.Start(_rto);
    }

    /// <summary>
    /// Passive side: answer with INIT-ACK and a signed cookie, keeping no state (RFC 9260 §5.1). A repeated INIT
    /// (lost INIT-ACK) gets the same answer since our tag and initial TSN are fixed for this association.
    /// </summary>
    private void HandleInit(InitChunk init)
    {
        if (init.InitiateTag == 0 || init.OutboundStreams == 0 || init.InboundStreams == 0)
        {
            _counters.PacketsDropped++;
            return;
        }
        var cookie = new StateCookie(_localTag, init.InitiateTag, _localInitialTsn, init.InitialTsn, init.AdvertisedReceiverWindow,
            Math.Min(_options.OutboundStreams, init.InboundStreams), Math.Min(_options.InboundStreams, init.OutboundStreams),
            _time.GetUtcNow().ToUnixTimeMilliseconds(), init.SupportsForwardTsn, init.SupportsExtension(SctpChunkType.ReConfig));
        EmitPacket(init.InitiateTag, OurInit(isAck: true, cookie.Sign(_cookieKey)).ToChunk());
    }

    private void HandleInitAck(InitChunk initAck)
    {
        if (_state != SctpAssociationState.CookieWait || initAck.InitiateTag == 0 || initAck.StateCookie is not { } cookie) return;
        _t1Init.Stop();
        AdoptPeer(initAck.InitiateTag, initAck.InitialTsn, initAck.AdvertisedReceiverWindow,
            initAck.SupportsForwardTsn, initAck.SupportsExtension(SctpChunkType.ReConfig));
        _cookieToEcho = cookie;
        _state = SctpAssociationState.CookieEchoed;
        _t1Init.Attempts = 0;
        SendCookieEcho();
    }

    private void SendCookieEcho()
    {
        EmitPacket(_peerTag, SimpleChunks.CookieEcho(_cookieToEcho!));
        _t1Init.Start(_rto);
    }

    private void HandleCookieEcho(SctpPacket packet, byte[] cookieBytes)
    {
        if (!StateCookie.TryVerify(cookieBytes, _cookieKey, out var cookie)
            || cookie.LocalTag != _localTag || packet.VerificationTag != _localTag
            || _time.GetUtcNow().ToUnixTimeMilliseconds() - cookie.CreatedUnixMs > (long)_options.CookieLifetime.TotalMilliseconds)
        {
            _counters.CookiesRejected++;
            _counters.PacketsDropped++;
            return;
        }

        if (_state is SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            _t1Init.Stop();
            AdoptPeer(cookie.PeerTag, cookie.PeerInitialTsn, cookie.PeerReceiverWindow, cookie.PeerForwardTsn, cookie.PeerReconfig);
            EnterEstablished();
        }
        else if (cookie.PeerTag != _peerTag)
        {
            // A restart from a different peer incarnation is not supported: ignore it.
            _counters.CookiesRejected++;
            return;
        }
        // Also answers a duplicate COOKIE-ECHO whose COOKIE-ACK got lost.
        EmitPacket(_peerTag, SimpleChunks.CookieAck());
    }

    private void HandleCookieAck()
    {
        if (_state != SctpAssociationState.CookieEchoed) return;
        _t1Init.Stop();
        _cookieToEcho = null;
        EnterEstablished();
    }

    private void AdoptPeer(uint peerTag, uint peerInitialTsn, uint peerRwnd, bool forwardTsn, bool reconfig)
    {
        _peerTag = peerTag;
        _peerCumTsn = peerInitialTsn - 1;
        _peerRwnd = peerRwnd;
        _peerSupportsForwardTsn = forwardTsn;
        _peerSupportsReconfig = reconfig;
        _expectedPeerReconfigSeq = peerInitialTsn;
    }

    private void EnterEstablished()
    {
        _state = SctpAssociationState.Established;
        Raise(() => Established?.Invoke());
    }

    private void OnT1Expired()
    {
        if (++_t1Init.Attempts > _options.MaxInitRetransmits)
        {
            Terminate(SctpCloseReason.Timeout);
            return;
        }
        _rto = Min(_rto * 2, _options.RtoMax);
        if (_state == SctpAssociationState.CookieWait) SendInit();
        else if (_state == SctpAssociationState.CookieEchoed) SendCookieEcho();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
