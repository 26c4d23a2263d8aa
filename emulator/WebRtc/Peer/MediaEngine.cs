using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Ice;

namespace HeyGenEmulator.WebRtc.Peer;

/// <summary>
/// Every peer of the process: one shared UDP port (<see cref="UdpMux"/>), one DTLS certificate, and ONE pacing
/// thread that sends each streaming peer's frames (every 40 ms) and audio packets (every 20 ms) on their due times,
/// plus Sender Reports and liveness checks. Per-peer threads exist only inside DTLS (BouncyCastle is blocking).
/// </summary>
public sealed class MediaEngine : IDisposable
{
    private readonly ConcurrentDictionary<WebRtcPeer, byte> _peers = new();
    private readonly object _activeGate = new();
    private WebRtcPeer[] _active = [];
    private readonly Thread _pacer;
    // The pacer's datagrams of one tick, sent together (DatagramBatch): only the pacer thread touches it.
    private readonly DatagramBatch _batch;
    private readonly AutoResetEvent _wake = new(false);
    private volatile bool _disposed;
    private long _packetsSent, _bytesSent, _peersCreated, _peersEnded;
    private readonly long[] _latenessBuckets = new long[LatenessBucketCount]; // 1 ms buckets, last = overflow
    private const int LatenessBucketCount = 201;

    /// <summary>
    /// The pacer's shortest sleep. 5 ms, as libwebrtc's pacer, which sends in bursts at most every 5 ms
    /// (<c>kDefaultMinPacketLimit</c>): each wake-up finds the pacer's state cold, so fewer of them, with more datagrams
    /// each, cost less per packet (measured against 2 ms: docs/benchmarks.md, limit row fifth round), for at most 5 ms of
    /// added lateness on 40 ms frames and 20 ms audio packets, which a receiver's jitter buffer absorbs.
    /// </summary>
    public const int PacingTickMs = 5;

    public MediaEngine(MediaEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new MediaEngineOptions();
        TimeProvider = timeProvider ?? TimeProvider.System;
        Certificate = DtlsCertificate.Shared;
        Mux = OpenMux();
        _batch = Mux.CreateBatch();
        _pacer = new Thread(PacingLoop) { IsBackground = true, Name = "media-pacer", Priority = ThreadPriority.AboveNormal };
        _pacer.Start();
    }

    public MediaEngineOptions Options { get; }
    public TimeProvider TimeProvider { get; }
    public DtlsCertificate Certificate { get; }
    public UdpMux Mux { get; }
    public int Port => Mux.Port;

    /// <summary>The pacer's batch when called on the pacer thread (its sends are gathered per tick), else null.</summary>
    internal DatagramBatch? PacerBatch => Thread.CurrentThread == _pacer ? _batch : null;

    /// <summary>System calls the pacer made for its media datagrams, and the datagrams (with sendmmsg, far fewer calls).</summary>
    public (long Calls, long Datagrams, bool SendMmsg) PacerSends => (_batch.SystemCalls, _batch.Datagrams, _batch.UsesSendMmsg);

    /// <summary>Peers created and not yet ended (any state).</summary>
    public int ActivePeers => _peers.Count;
    /// <summary>Peers currently sending media.</summary>
    public int StreamingPeers => Volatile.Read(ref _active).Length;
    public int MuxEndpoints => Mux.RegisteredEndpoints;
    public int BoundAddresses => Mux.BoundAddresses;
    public long PacketsSent => Interlocked.Read(ref _packetsSent);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long PeersCreated => Interlocked.Read(ref _peersCreated);
    public long PeersEnded => Interlocked.Read(ref _peersEnded);
    public IReadOnlyCollection<WebRtcPeer> Peers => _peers.Keys.ToArray();

    /// <summary>Video frame lateness (due → sent) percentile in ms, over every frame sent so far (≥200 means ≥200).</summary>
    public double VideoLatenessPercentileMs(double percentile)
    {
        long total = 0;
        var counts = new long[LatenessBucketCount];
        for (int i = 0; i < counts.Length; i++) total += counts[i] = Interlocked.Read(ref _latenessBuckets[i]);
        if (total == 0) return 0;
        long rank = (long)Math.Ceiling(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.Length; i++)
            if ((seen += counts[i]) >= rank) return i;
        return LatenessBucketCount - 1;
    }

    /// <summary>
    /// A copy of the video lateness histogram: element i counts frames sent i ms after their due time (the last
    /// element, index 200, counts 200 ms and more). Subtract two snapshots to get the figures of one time window.
    /// </summary>
    public long[] VideoLatenessHistogram()
    {
        var counts = new long[LatenessBucketCount];
        for (int i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _latenessBuckets[i]);
        return counts;
    }

    public WebRtcPeer CreatePeer(IPeerMediaSource source, PeerMediaConfig config, string? id = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var peer = new WebRtcPeer(this, id ?? Guid.NewGuid().ToString("N")[..12], source, config);
        // ufrags are random; a clash is astronomically unlikely but must not leak a half-made peer.
        var endpoint = Mux.Register(peer.LocalCredentials, peer);
        peer.Attach(endpoint);
        _peers[peer] = 0;
        Interlocked.Increment(ref _peersCreated);
        return peer;
    }

    /// <summary>Ends every peer (shutdown or reset).</summary>
    public void CloseAll(string reason)
    {
        foreach (var peer in _peers.Keys) peer.Close(reason);
    }

    internal void Watch(WebRtcPeer peer) => _wake.Set();

    internal void Activate(WebRtcPeer peer)
    {
        lock (_activeGate)
        {
            if (peer.State != PeerState.Streaming || _active.Contains(peer)) return;
            _active = [.. _active, peer];
        }
        _wake.Set();
    }

    internal void Remove(WebRtcPeer peer)
    {
        lock (_activeGate) _active = _active.Where(p => p != peer).ToArray();
        if (_peers.TryRemove(peer, out _)) Interlocked.Increment(ref _peersEnded);
    }

    internal void CountSent(int bytes)
    {
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void RecordVideoLateness(TimeSpan lateness)
    {
        int ms = (int)Math.Min(LatenessBucketCount - 1, Math.Max(0, lateness.TotalMilliseconds));
        Interlocked.Increment(ref _latenessBuckets[ms]);
    }

    internal void Log(MediaLogLevel level, string message)
    {
        try { Options.Log?.Invoke(level, message); } catch (Exception) { }
    }

    private UdpMux OpenMux()
    {
        var muxOptions = new UdpMuxOptions
        {
            BindAddress = Options.BindAddress,
            Port = Options.UdpPort,
            TimeProvider = TimeProvider,
            ConsentTimeout = Options.ConsentTimeout,
        };
        try
        {
            return new UdpMux(muxOptions);
        }
        catch (SocketException e) when (Options.UdpPort != 0 && Options.FallBackToEphemeralPort)
        {
            var mux = new UdpMux(muxOptions with { Port = 0 });
            Log(MediaLogLevel.Warning, $"UDP port {Options.UdpPort} is not available ({e.SocketErrorCode}); using {mux.Port} instead. " +
                "Offers advertise the port actually bound, but a fixed port mapping (docker) will not match.");
            return mux;
        }
    }

    private void PacingLoop()
    {
        long nextHousekeeping = 0;
        long longestRest = Stopwatch.Frequency * MaxPeerRestMs / 1000;
        WebRtcPeer[] peers = [];
        long[] due = [];
        while (!_disposed)
        {
            var active = Volatile.Read(ref _active);
            if (!ReferenceEquals(active, peers)) (peers, due) = (active, DueTimes(peers, due, active));
            long now = Stopwatch.GetTimestamp();
            long next = now + Stopwatch.Frequency; // idle: wake once a second for housekeeping
            // Only the peers with something due are visited: with a 2 ms tick, calling every peer's pump on every tick
            // was four calls per packet sent, each touching that peer's cold state.
            for (int i = 0; i < peers.Length; i++)
            {
                if (due[i] > now)
                {
                    next = Math.Min(next, due[i]);
                    continue;
                }
                try
                {
                    due[i] = Math.Min(peers[i].PumpMedia(now), now + longestRest);
                }
                catch (Exception e)
                {
                    // A bug or a misbehaving source ends that peer only.
                    peers[i].Close("media error: " + e.Message);
                    due[i] = now + longestRest;
                }
                next = Math.Min(next, due[i]);
            }
            _batch.Flush();
            if (now >= nextHousekeeping)
            {
                nextHousekeeping = now + Stopwatch.Frequency / 2;
                foreach (var peer in _peers.Keys)
                {
                    try { peer.CheckLiveness(now); } catch (Exception) { }
                }
            }
            next = Math.Min(next, nextHousekeeping);
            long waitTicks = next - Stopwatch.GetTimestamp();
            if (waitTicks <= 0) continue;
            // At least one tick: with many sessions something is nearly always due, and yielding until it was spun a
            // core. A unit then goes out up to a tick late, with everything else due in that tick, in one batch.
            int sleepMs = Math.Max(PacingTickMs, (int)(waitTicks * 1000 / Stopwatch.Frequency));
            // While peers stream, Thread.Sleep (one timed wait on the thread's own condition, as the pacer's profile shows)
            // is cheaper than waiting on the event (its mutex and condition too, and a Set from every new peer, hundreds of
            // times a second); a new peer then waits at most 20 ms for its first visit. Idle, the event lets the first peer start at once.
            if (peers.Length > 0) Thread.Sleep(sleepMs);
            else _wake.WaitOne(sleepMs);
        }
    }

    /// <summary>
    /// The longest a streaming peer goes unvisited, whatever its pump said: audio is due every 20 ms anyway, and a
    /// peer whose pump is not ready yet (it answered "nothing, ever") is looked at again soon.
    /// </summary>
    private const int MaxPeerRestMs = 20;

    /// <summary>Due times for a new set of active peers: those already pumped keep theirs, new ones are due at once.</summary>
    private static long[] DueTimes(WebRtcPeer[] before, long[] dueBefore, WebRtcPeer[] after)
    {
        var known = new Dictionary<WebRtcPeer, long>(before.Length, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < before.Length; i++) known[before[i]] = dueBefore[i];
        var due = new long[after.Length];
        for (int i = 0; i < after.Length; i++) due[i] = known.GetValueOrDefault(after[i]);
        return due;
    }

    public void Dispose()
    {
        if (_disposed) return;
        CloseAll("shutdown");
        _disposed = true;
        _wake.Set();
        _pacer.Join(TimeSpan.FromSeconds(2));
        Mux.Dispose();
        if (!_pacer.IsAlive) _batch.Dispose(); // native buffers: never freed under a pacer still running
        _wake.Dispose();
    }
}
