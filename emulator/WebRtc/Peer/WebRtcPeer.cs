using System.Diagnostics;
using System.Net;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Rtcp;
using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.WebRtc.Peer;

/// <summary>
/// One browser connection: an ICE-lite registration on the engine's shared UDP port, a DTLS server fed from it,
/// SRTP keyed from DTLS, and a <see cref="PeerMediaPump"/> paced by the engine. Lifecycle:
/// New (offer out, ICE answered) → <see cref="Arm"/> (answer in) → DTLS connects → Streaming → Closed.
/// Whatever the remote does (garbage, wrong certificate, alert, silence), the peer ends itself and frees its
/// registration; nothing it does reaches other peers. Created by <see cref="MediaEngine.CreatePeer"/>.
/// </summary>
public sealed class WebRtcPeer : IUdpMuxHandler
{
    private const int MaxPendingDtls = 32;

    private readonly MediaEngine _engine;
    private readonly IPeerMediaSource _source;
    private readonly object _gate = new();
    private readonly List<byte[]> _pendingDtls = new();
    private readonly TaskCompletionSource _streaming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private UdpMuxEndpoint? _endpoint;
    private DtlsServerTransport? _dtls;
    private bool _dtlsStarted;
    private SrtpContext? _sendSrtp, _receiveSrtp;
    private volatile PeerMediaPump? _pump;
    private volatile PeerState _state = PeerState.New;
    private long _armedAtTicks;
    private long _nextReportTicks;
    private long _packetsSent, _bytesSent, _retransmissions, _rtcpReceived;

    internal WebRtcPeer(MediaEngine engine, string id, IPeerMediaSource source, PeerMediaConfig config)
    {
        _engine = engine;
        _source = source;
        Id = id;
        Config = config;
        LocalCredentials = IceCredentials.Generate();
    }

    public string Id { get; }
    public PeerMediaConfig Config { get; }
    public IceCredentials LocalCredentials { get; }
    public PeerState State => _state;
    public string? EndReason { get; private set; }

    /// <summary>Completes when media starts flowing (DTLS done, SRTP keyed).</summary>
    public Task Streaming => _streaming.Task;

    /// <summary>Completes with the reason once the peer has ended.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Raised once when the peer ends, with the reason (never on the pacing thread's critical path).</summary>
    public event Action<WebRtcPeer, string>? Closed;

    /// <summary>DTLS application data from the remote (SCTP packets, for data channels). Subscribe before <see cref="Arm"/>.</summary>
    public event Action<byte[]>? ApplicationData;

    /// <summary>Decrypted RTP from the remote (receive-only peers: a microphone). Subscribe before <see cref="Arm"/>.</summary>
    public event Action<byte[]>? RtpReceived;

    /// <summary>Sends DTLS application data (an SCTP packet); false before DTLS is up or after the end.</summary>
    public bool SendApplicationData(ReadOnlySpan<byte> data) => _state != PeerState.Closed && (_dtls?.Send(data) ?? false);

    /// <summary>True once <see cref="Arm"/> ran (a renegotiation keeps the same transport).</summary>
    public bool IsArmed => _state != PeerState.New;

    public IPEndPoint? RemoteEndPoint => _endpoint?.SelectedRemote;
    public long PacketsSent => Interlocked.Read(ref _packetsSent);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long Retransmissions => Interlocked.Read(ref _retransmissions);
    public long RtcpReceived => Interlocked.Read(ref _rtcpReceived);
    public long VideoFramesSent => _pump?.VideoFramesSent ?? 0;
    public long AudioPacketsSent => _pump?.AudioPacketsSent ?? 0;
    public long KeyFramesRequested => _pump?.KeyFramesRequested ?? 0;

    internal PeerMediaPump? Pump => _pump;

    internal void Attach(UdpMuxEndpoint endpoint) => _endpoint = endpoint;

    /// <summary>
    /// Applies the remote answer's ICE ufrag and DTLS fingerprint (validated by the caller). DTLS starts once a
    /// connectivity check has passed (it may already have: browsers check as soon as they set the answer locally).
    /// </summary>
    /// <exception cref="InvalidOperationException">The peer has ended or was already armed.</exception>
    public void Arm(string remoteUfrag, string remoteFingerprint)
    {
        var dtls = new DtlsServerTransport(_engine.Certificate, remoteFingerprint, SendRaw,
            Config.SendMedia ? null : new DtlsServerOptions { RequireSrtp = false });
        dtls.Connected += OnDtlsConnected;
        dtls.DataReceived += data => ApplicationData?.Invoke(data);
        dtls.Failed += reason => End("DTLS failed: " + reason);
        dtls.Closed += () => End("DTLS closed by peer");
        byte[][] pending;
        bool start;
        lock (_gate)
        {
            if (_state != PeerState.New || _endpoint is null)
                throw new InvalidOperationException(_state == PeerState.Closed ? $"peer ended: {EndReason}" : "peer already armed");
            _endpoint.Responder.ExpectedRemoteUfrag = remoteUfrag;
            _dtls = dtls;
            _state = PeerState.Connecting;
            _armedAtTicks = Stopwatch.GetTimestamp();
            pending = [.. _pendingDtls];
            _pendingDtls.Clear();
            start = _endpoint.Responder.LastValidCheckAt is not null || pending.Length > 0;
            if (start) _dtlsStarted = true;
        }
        foreach (var d in pending) dtls.Feed(d);
        if (start) dtls.Start();
        _engine.Watch(this);
    }

    /// <summary>Ends the peer (idempotent): BYE if streaming, close_notify, mux registration removed.</summary>
    public void Close(string reason = "closed") => End(reason);

    void IUdpMuxHandler.OnIceCheck(UdpMuxEndpoint endpoint, IceCheckResult result)
    {
        DtlsServerTransport? toStart = null;
        lock (_gate)
        {
            if (_dtls is not null && !_dtlsStarted && _state == PeerState.Connecting)
            {
                _dtlsStarted = true;
                toStart = _dtls;
            }
        }
        toStart?.Start();
    }

    void IUdpMuxHandler.OnDatagram(UdpMuxEndpoint endpoint, MuxPacketKind kind, ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        switch (kind)
        {
            case MuxPacketKind.Dtls:
                DtlsServerTransport? dtls;
                bool start = false;
                lock (_gate)
                {
                    dtls = _dtls;
                    if (dtls is null)
                    {
                        // The browser's ClientHello can beat the answer to us; keep it for Arm.
                        if (_state == PeerState.New && _pendingDtls.Count < MaxPendingDtls) _pendingDtls.Add(datagram.ToArray());
                        return;
                    }
                    if (!_dtlsStarted && _state == PeerState.Connecting) start = _dtlsStarted = true;
                }
                dtls.Feed(datagram);
                if (start) dtls.Start();
                return;
            case MuxPacketKind.Rtcp:
                OnRtcp(datagram);
                return;
            case MuxPacketKind.Rtp when !Config.SendMedia:
                if (_receiveSrtp?.UnprotectRtp(datagram) is { } rtp) RtpReceived?.Invoke(rtp);
                return;
            default:
                return; // a sending peer receives no media
        }
    }

    private void OnRtcp(ReadOnlySpan<byte> datagram)
    {
        var receive = _receiveSrtp;
        var pump = _pump;
        if (receive is null || pump is null) return;
        var plain = receive.UnprotectRtcp(datagram);
        if (plain is null) return;
        Interlocked.Increment(ref _rtcpReceived);
        var feedback = RtcpParser.Parse(plain);
        if (feedback.IsEmpty) return;
        if (feedback.WantsKeyFrame(Config.VideoSsrc)) pump.RequestKeyFrame();
        var lost = feedback.LostSequenceNumbers(Config.VideoSsrc);
        if (lost.Count == 0) return;
        foreach (var packet in pump.VideoHistory.Lookup(lost))
        {
            SendRtp(packet);
            Interlocked.Increment(ref _retransmissions);
        }
    }

    private void OnDtlsConnected(DtlsSrtpKeys? keys)
    {
        if (keys is null && Config.SendMedia)
        {
            End("DTLS connected without SRTP keys");
            return;
        }
        if (keys is null || !Config.SendMedia)
        {
            lock (_gate)
            {
                if (_state != PeerState.Connecting) return;
                _receiveSrtp = keys?.CreateServerReceiveContext();
                _state = PeerState.Streaming; // connected; nothing to pace
            }
            _engine.Log(MediaLogLevel.Information, $"peer {Id}: connected to {RemoteEndPoint} (receive only)");
            _streaming.TrySetResult();
            return;
        }
        lock (_gate)
        {
            if (_state != PeerState.Connecting) return;
            _sendSrtp = keys.CreateServerSendContext();
            _receiveSrtp = keys.CreateServerReceiveContext();
            long now = Stopwatch.GetTimestamp();
            _nextReportTicks = now;
            _pump = new PeerMediaPump(_source, Config, now, SendRtp, _engine.RecordVideoLateness);
            _state = PeerState.Streaming;
        }
        _engine.Log(MediaLogLevel.Information, $"peer {Id}: streaming to {RemoteEndPoint} ({Config.VideoCodec})");
        _streaming.TrySetResult();
        _engine.Activate(this);
    }

    /// <summary>Pacing thread: media due now, and a Sender Report about once a second. Returns the next due time.</summary>
    internal long PumpMedia(long now)
    {
        var pump = _pump;
        if (pump is null || _state != PeerState.Streaming) return long.MaxValue;
        long next = pump.Pump(now);
        if (now >= _nextReportTicks)
        {
            _nextReportTicks = now + (long)(_engine.Options.SenderReportInterval.TotalSeconds * Stopwatch.Frequency);
            SendSenderReports(pump);
        }
        return Math.Min(next, _nextReportTicks);
    }

    /// <summary>Housekeeping (about once a second): consent freshness and connect timeout.</summary>
    internal void CheckLiveness(long now)
    {
        var state = _state;
        if (state is PeerState.New or PeerState.Closed) return; // before the answer the session owns our lifetime
        var endpoint = _endpoint;
        if (endpoint is null) return;
        var options = _engine.Options;
        if (state == PeerState.Connecting)
        {
            if (Stopwatch.GetElapsedTime(_armedAtTicks, now) > options.ConnectTimeout) End("no connection within " + options.ConnectTimeout.TotalSeconds + " s");
            return;
        }
        var last = endpoint.Responder.LastValidCheckAt;
        if (last is null || _engine.TimeProvider.GetUtcNow() - last.Value > options.ConsentTimeout)
            End("ICE consent expired (no check for " + options.ConsentTimeout.TotalSeconds + " s)");
    }

    private void SendSenderReports(PeerMediaPump pump)
    {
        var utc = _engine.TimeProvider.GetUtcNow();
        foreach (var stream in new[] { pump.Audio, pump.Video })
        {
            if (stream.PacketCount == 0) continue;
            var sr = RtcpWriter.SenderReportWithCname(stream.Ssrc, utc, stream.RtpTimestampNow(), stream.PacketCount, stream.OctetCount, Config.Cname);
            SendRtcp(sr);
        }
    }

    /// <summary>Each sending thread's SRTP output buffer: the pacer's steady path protects and sends without allocating.</summary>
    [ThreadStatic] private static byte[]? t_protected;

    private void SendRtp(ReadOnlySpan<byte> rtp)
    {
        var srtp = _sendSrtp;
        if (srtp is null || TryBatch(srtp, rtp, rtcp: false)) return;
        var buffer = t_protected;
        if (buffer is null || buffer.Length < srtp.ProtectedRtpLength(rtp.Length))
            t_protected = buffer = new byte[Math.Max(srtp.ProtectedRtpLength(rtp.Length), Rtp.RtpDefaults.MaxPacketSize + 64)];
        int length = srtp.ProtectRtp(rtp, buffer);
        if (length > 0) SendRaw(buffer.AsSpan(0, length));
    }

    private void SendRtcp(byte[] rtcp)
    {
        var srtp = _sendSrtp;
        // On the pacer (Sender Reports) it joins the tick's batch: two reports a second per peer were each a system call.
        if (srtp is null || TryBatch(srtp, rtcp, rtcp: true)) return;
        var protectedPacket = srtp.ProtectRtcp(rtcp);
        if (protectedPacket is not null) SendRaw(protectedPacket);
    }

    /// <summary>On the pacer thread, protects <paramref name="packet"/> straight into the tick's batch; false elsewhere or before an address is selected.</summary>
    private bool TryBatch(SrtpContext srtp, ReadOnlySpan<byte> packet, bool rtcp)
    {
        if (_engine.PacerBatch is not { } batch || _endpoint is not { } endpoint || !endpoint.TryGetTarget(out var target)) return false;
        int gathered = rtcp ? srtp.ProtectRtcp(packet, batch.Next()) : srtp.ProtectRtp(packet, batch.Next());
        if (gathered > 0)
        {
            batch.Add(gathered, target);
            Counted(gathered);
        }
        return true;
    }

    private void SendRaw(byte[] datagram) => SendRaw(datagram.AsSpan());

    private void SendRaw(ReadOnlySpan<byte> datagram)
    {
        var endpoint = _endpoint;
        if (endpoint is null || !endpoint.Send(datagram)) return;
        Counted(datagram.Length);
    }

    private void Counted(int bytes)
    {
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _bytesSent, bytes);
        _engine.CountSent(bytes);
    }

    private void End(string reason)
    {
        PeerState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == PeerState.Closed) return;
            _state = PeerState.Closed;
            EndReason = reason;
            _pendingDtls.Clear();
        }
        // Synchronous part: stop pacing, free the UDP registration (no blocking calls: this may run on the
        // pacing, UDP or DTLS thread).
        if (previous == PeerState.Streaming)
        {
            try { SendRtcp(RtcpWriter.Goodbye(Config.AudioSsrc, Config.VideoSsrc)); } catch (Exception) { }
        }
        _engine.Remove(this);
        _endpoint?.Dispose();
        _engine.Log(previous == PeerState.Streaming || reason.StartsWith("session", StringComparison.Ordinal) || reason == "closed"
            ? MediaLogLevel.Information : MediaLogLevel.Warning, $"peer {Id} ended: {reason}");
        var dtls = _dtls;
        // DTLS close may wait for its thread; never do that on the caller's thread.
        ThreadPool.QueueUserWorkItem(_ =>
        {
            try { dtls?.Close(); } catch (Exception) { }
            _sendSrtp?.Dispose();
            _receiveSrtp?.Dispose();
        });
        _streaming.TrySetCanceled();
        _ended.TrySetResult(reason);
        try { Closed?.Invoke(this, reason); } catch (Exception) { }
    }
}
