using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Rtcp;
using HeyGenEmulator.WebRtc.Sdp;
using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// A receive-only WebRTC peer for tests and benchmarks, much lighter than a browser: it answers an ICE-lite offer
/// (BUNDLE, rtcp-mux, recvonly, setup:active), runs ICE as the controlling agent against the offer's host
/// candidate (nominating, then consent checks every 2 s), a DTLS 1.2 client handshake with use_srtp, and then
/// SRTP-unprotects every RTP packet and counts it. It does not decode: a video frame is counted when a packet with
/// the marker bit arrives on the video payload type. Receive-side timing (inter-frame interval, and each frame's
/// arrival against its RTP timestamp) is kept as a cross-check of the sender's pacing.
/// One UDP socket per peer (so the sender sees a distinct remote address per peer); the DTLS handshake runs on a
/// short-lived thread (BouncyCastle is blocking), reception on one async loop.
/// </summary>
public sealed class LightReceivingPeer : IAsyncDisposable
{
    private static readonly Lazy<DtlsCertificate> SharedCertificate = new(() => DtlsCertificate.Generate("light-peer"));

    private readonly Socket _socket;
    private readonly DtlsCertificate _certificate;
    private readonly IceCredentials _local = IceCredentials.Generate();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _statsGate = new();
    private readonly List<double> _frameIntervalsMs = new();
    private readonly List<double> _frameOffsetsMs = new();
    private IceControllingClient? _ice;
    private IPEndPoint? _remote;
    private UdpDatagramTransport? _dtlsTransport;
    private SrtpContext? _receive;
    private SrtpContext? _send;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private long _videoSsrc = -1, _droppedVideo;
    private Task? _receiveLoop, _consentLoop;
    private int _videoPayloadType = -1, _audioPayloadType = -1;
    private long _videoFrames, _videoPackets, _audioPackets, _bytes, _rtcpPackets, _unprotectFailures, _otherPackets;
    private long _lastFrameTicks, _firstFrameTicks;
    private uint _firstFrameRtpTimestamp;
    private long _firstFrameArrivalTicks;
    private bool _haveTimeline;
    private long _statsSinceTicks = Stopwatch.GetTimestamp();
    private long _framesAtReset;

    /// <param name="bind">Local address to bind (default 127.0.0.1, port chosen by the system).</param>
    /// <param name="certificate">Our DTLS certificate; by default one generated per process and shared.</param>
    public LightReceivingPeer(IPAddress? bind = null, DtlsCertificate? certificate = null)
    {
        _certificate = certificate ?? SharedCertificate.Value;
        bind ??= IPAddress.Loopback;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try { _socket.ReceiveBufferSize = 1 << 20; } catch (SocketException) { }
        _socket.Bind(new IPEndPoint(bind, 0));
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;
    public string? Answer { get; private set; }
    public long VideoFrames => Interlocked.Read(ref _videoFrames);
    public long VideoPackets => Interlocked.Read(ref _videoPackets);
    public long AudioPackets => Interlocked.Read(ref _audioPackets);
    public long BytesReceived => Interlocked.Read(ref _bytes);
    public long RtcpPackets => Interlocked.Read(ref _rtcpPackets);
    /// <summary>SRTP packets that failed authentication or replay checks (should stay 0).</summary>
    public long UnprotectFailures => Interlocked.Read(ref _unprotectFailures);

    /// <summary>
    /// Simulated loss: video packets whose sequence number this returns true for are dropped before SRTP, as if lost
    /// on the way (so a retransmission of them is not a replay). Runs on the receive loop.
    /// </summary>
    public Func<ushort, bool>? DropVideo { get; set; }

    /// <summary>Video packets dropped by <see cref="DropVideo"/>.</summary>
    public long DroppedVideoPackets => Interlocked.Read(ref _droppedVideo);

    /// <summary>Every video RTP packet received, after SRTP (header and payload), on the receive loop.</summary>
    public event Action<byte[]>? VideoPacketReceived;

    /// <summary>Every audio RTP packet received, after SRTP (header and payload), on the receive loop.</summary>
    public event Action<byte[]>? AudioPacketReceived;

    /// <summary>The sender's video SSRC, once a video packet has arrived.</summary>
    public uint? VideoSsrc => Interlocked.Read(ref _videoSsrc) is var v and >= 0 ? (uint)v : null;

    /// <summary>Our own SSRC as an RTCP sender (we send no media).</summary>
    public uint FeedbackSsrc { get; } = 0x4C494748; // "LIGH"
    /// <summary>Stopwatch ticks when the first complete video frame arrived (0 before).</summary>
    public long FirstFrameTicks => Interlocked.Read(ref _firstFrameTicks);
    /// <summary>Stopwatch ticks when DTLS completed (0 before).</summary>
    public long ConnectedTicks { get; private set; }
    public string? Failure { get; private set; }

    /// <summary>
    /// Builds our answer to <paramref name="offerSdp"/>: every section accepted recvonly with the offer's first codec,
    /// BUNDLE of all mids, rtcp-mux, our ICE credentials and certificate fingerprint, setup:active.
    /// </summary>
    public string CreateAnswer(string offerSdp)
    {
        var offer = SdpParser.TryParse(offerSdp, out var error) ?? throw new ArgumentException("offer does not parse: " + error);
        var first = offer.FirstAccepted ?? throw new ArgumentException("offer has no media");
        var ufrag = offer.EffectiveIceUfrag(first) ?? throw new ArgumentException("offer has no ice-ufrag");
        var pwd = offer.EffectiveIcePwd(first) ?? throw new ArgumentException("offer has no ice-pwd");
        var candidate = offer.AllCandidates.FirstOrDefault(c => c.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException("offer has no UDP candidate");
        _remote = new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port);
        _ice = new IceControllingClient(_local, new IceCredentials(ufrag, pwd));
        _expectedServerFingerprint = offer.EffectiveFingerprint(first) is { Algorithm: "sha-256" } fp ? fp.FormatValue() : null;

        _videoPayloadType = SdpAnswerBuilder.AcceptedPayloadType(offer, SdpMediaKind.Video);
        _audioPayloadType = SdpAnswerBuilder.AcceptedPayloadType(offer, SdpMediaKind.Audio);
        return Answer = SdpAnswerBuilder.Build(offer, _local, _certificate.Fingerprint);
    }

    /// <summary>
    /// ICE (nominating checks until one succeeds), then the DTLS handshake; afterwards media is received in the
    /// background. Throws <see cref="TimeoutException"/> or <see cref="IOException"/> if either step fails.
    /// </summary>
    public async Task ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_ice is null || _remote is null) throw new InvalidOperationException("CreateAnswer first");
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var check = await _ice.ConnectAsync(_socket, _remote, timeout, TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        if (check is null) throw Fail(new TimeoutException("ICE: no valid binding response"));

        // Before the receive loop starts, so the server's first flight has somewhere to go.
        var transport = _dtlsTransport = new UdpDatagramTransport(_socket, _remote);
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        _consentLoop = Task.Run(ConsentLoopAsync, CancellationToken.None);

        var client = new DtlsTestClient(_certificate);
        var remaining = TimeSpan.FromSeconds(Math.Max(0.1, (double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));
        var handshake = client.ConnectAsync(transport);
        try
        {
            await handshake.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            transport.Close();
            throw Fail(new TimeoutException("DTLS handshake timed out"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Fail(new IOException("DTLS handshake failed: " + e.Message, e));
        }
        var keys = client.SrtpKeys() ?? throw Fail(new IOException("DTLS: no SRTP keys negotiated"));
        if (_expectedServerFingerprint is not null && !string.Equals(client.ServerFingerprint, _expectedServerFingerprint, StringComparison.OrdinalIgnoreCase))
            throw Fail(new IOException("DTLS: server certificate does not match the offer's fingerprint"));
        // We are the DTLS client: the server (the sender) protects with the server write key.
        _receive = new SrtpContext(keys.Profile, keys.ServerWriteKey, keys.ServerWriteSalt);
        _send = new SrtpContext(keys.Profile, keys.ClientWriteKey, keys.ClientWriteSalt);
        ConnectedTicks = Stopwatch.GetTimestamp();
    }

    private string? _expectedServerFingerprint;

    private Exception Fail(Exception e)
    {
        Failure = e.Message;
        return e;
    }

    /// <summary>Sends one RTCP packet (for example <see cref="RtcpWriter.GenericNack"/>) to the sender over SRTCP.</summary>
    public async Task SendRtcpAsync(byte[] rtcp, CancellationToken cancellationToken = default)
    {
        var send = _send ?? throw new InvalidOperationException("not connected");
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var packet = send.ProtectRtcp(rtcp) ?? throw new InvalidOperationException("SRTCP context closed");
            await _socket.SendToAsync(packet, SocketFlags.None, _remote!, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Sends one datagram as it is from this peer's socket to the sender: forged or malformed input on the
    /// session's own ICE-validated path.</summary>
    public Task SendRawAsync(byte[] datagram, CancellationToken cancellationToken = default) =>
        _socket.SendToAsync(datagram, SocketFlags.None, _remote ?? throw new InvalidOperationException("CreateAnswer first"),
            cancellationToken).AsTask();

    /// <summary>Starts a new measurement window for the timing figures and <see cref="FramesSinceReset"/>.</summary>
    public void ResetStats()
    {
        lock (_statsGate)
        {
            _frameIntervalsMs.Clear();
            _frameOffsetsMs.Clear();
            _statsSinceTicks = Stopwatch.GetTimestamp();
            _framesAtReset = Interlocked.Read(ref _videoFrames);
        }
    }

    public long FramesSinceReset => VideoFrames - Interlocked.Read(ref _framesAtReset);
    public TimeSpan SinceReset => Stopwatch.GetElapsedTime(Interlocked.Read(ref _statsSinceTicks));

    /// <summary>Intervals between consecutive complete video frames (ms) since the last reset.</summary>
    public double[] FrameIntervalsMs() { lock (_statsGate) return [.. _frameIntervalsMs]; }

    /// <summary>
    /// For each frame since the last reset: arrival minus the time its RTP timestamp says it is for, relative to the
    /// earliest frame of the stream (ms). 0 = as early as the best frame; a frame sent or received late shows here.
    /// </summary>
    public double[] FrameArrivalLatenessMs()
    {
        lock (_statsGate)
        {
            if (_frameOffsetsMs.Count == 0) return [];
            double min = _minOffsetMs;
            return _frameOffsetsMs.Select(o => o - min).ToArray();
        }
    }

    private double _minOffsetMs = double.MaxValue;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        var any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                var r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                length = r.ReceivedBytes;
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { if (_stop.IsCancellationRequested) return; continue; }
            try { OnDatagram(buffer.AsSpan(0, length)); }
            catch (Exception) { Interlocked.Increment(ref _otherPackets); }
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        long now = Stopwatch.GetTimestamp();
        switch (MuxPacketClassifier.Classify(datagram))
        {
            case MuxPacketKind.Dtls:
                if (_receive is null) _dtlsTransport?.Enqueue(datagram.ToArray());
                return;
            case MuxPacketKind.Rtcp:
                Interlocked.Increment(ref _rtcpPackets);
                return;
            case MuxPacketKind.Rtp:
                break;
            default:
                Interlocked.Increment(ref _otherPackets); // STUN responses to consent checks, etc.
                return;
        }
        var srtp = _receive;
        if (srtp is null) return;
        if (datagram.Length >= 12 && (datagram[1] & 0x7F) == _videoPayloadType && DropVideo is { } drop
            && drop(BinaryPrimitives.ReadUInt16BigEndian(datagram[2..])))
        {
            Interlocked.Increment(ref _droppedVideo);
            return;
        }
        var rtp = srtp.UnprotectRtp(datagram);
        if (rtp is null)
        {
            Interlocked.Increment(ref _unprotectFailures);
            return;
        }
        Interlocked.Add(ref _bytes, datagram.Length);
        int pt = rtp[1] & 0x7F;
        bool marker = (rtp[1] & 0x80) != 0;
        if (pt == _audioPayloadType)
        {
            Interlocked.Increment(ref _audioPackets);
            AudioPacketReceived?.Invoke(rtp);
            return;
        }
        if (pt != _videoPayloadType) return;
        Interlocked.Increment(ref _videoPackets);
        Interlocked.CompareExchange(ref _videoSsrc, BinaryPrimitives.ReadUInt32BigEndian(rtp.AsSpan(8)), -1);
        VideoPacketReceived?.Invoke(rtp);
        if (!marker) return;
        uint ts = BinaryPrimitives.ReadUInt32BigEndian(rtp.AsSpan(4));
        lock (_statsGate)
        {
            if (!_haveTimeline)
            {
                _haveTimeline = true;
                _firstFrameRtpTimestamp = ts;
                _firstFrameArrivalTicks = now;
                Interlocked.Exchange(ref _firstFrameTicks, now);
            }
            else
            {
                _frameIntervalsMs.Add((now - _lastFrameTicks) * 1000.0 / Stopwatch.Frequency);
            }
            _lastFrameTicks = now;
            double arrivalMs = (now - _firstFrameArrivalTicks) * 1000.0 / Stopwatch.Frequency;
            double mediaMs = unchecked(ts - _firstFrameRtpTimestamp) / 90.0;
            double offset = arrivalMs - mediaMs;
            if (offset < _minOffsetMs) _minOffsetMs = offset;
            _frameOffsetsMs.Add(offset);
        }
        Interlocked.Increment(ref _videoFrames);
    }

    private async Task ConsentLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token).ConfigureAwait(false);
                await _socket.SendToAsync(_ice!.CreateBindingRequest(useCandidate: true), SocketFlags.None, _remote!, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket.Dispose();
        _dtlsTransport?.Close();
        foreach (var t in new[] { _receiveLoop, _consentLoop })
            if (t is not null) try { await t.ConfigureAwait(false); } catch (Exception) { }
        _receive?.Dispose();
        _send?.Dispose();
        _stop.Dispose();
    }
}
