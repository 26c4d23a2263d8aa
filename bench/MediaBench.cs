using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGenEmulator.WebRtc.Testing;

namespace HeyGenEmulator.Bench;

public sealed record MediaBenchOptions
{
    public int[] Sessions { get; init; } = [1, 10, 50, 100];
    public int Seconds { get; init; } = 20;
    public int Runs { get; init; } = 3;
    /// <summary>How many of each run's sessions Chromium receives (at most); the rest get light peers.</summary>
    public int Chromium { get; init; }
    public string Quality { get; init; } = "low";
    public string Codec { get; init; } = "VP8";
    /// <summary>Keep <c>/_emulator/ui</c> open in Chromium through the window (issue 13: watching must not change the figures).</summary>
    public bool Dashboard { get; init; }
}

/// <summary>
/// N concurrent v1 sessions against the emulator in a child process (<see cref="ServeHost"/>), received by Chromium
/// (the first <see cref="MediaBenchOptions.Chromium"/> sessions) and by <see cref="LightReceivingPeer"/>s (the rest).
/// Per run: sessions created exactly as a client does, all streaming, 2 s settle, then a measurement window of
/// <see cref="MediaBenchOptions.Seconds"/>: the emulator's send-side lateness (engine histogram, window only), its
/// CPU (utime+stime from /proc) and RSS growth over the idle baseline, receive rates and receive-side timing.
/// A fresh emulator per run. Figures per N are the median of the runs.
/// </summary>
public static class MediaBench
{
    private const string ApiKey = "bench-media-key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(MediaBenchOptions o)
    {
        var dll = FindBenchDll();
        Console.WriteLine($"media bench: sessions {string.Join(',', o.Sessions)}, {o.Seconds} s window, {o.Runs} run(s) each, " +
            $"{o.Quality}/{o.Codec}, Chromium receives up to {o.Chromium} session(s), {Environment.ProcessorCount} cores" +
            (o.Dashboard ? ", the dashboard open" : ""));
        await using var chromium = o.Chromium > 0 || o.Dashboard ? await ChromiumReceivers.LaunchAsync() : null;
        var rows = new List<RunResult>();
        foreach (var n in o.Sessions)
        {
            var runs = new List<RunResult>();
            for (int r = 0; r < o.Runs; r++)
            {
                var result = await RunOnceAsync(dll, n, o, chromium);
                Console.WriteLine("  " + result.Line(r + 1));
                runs.Add(result);
            }
            rows.Add(RunResult.Median(runs));
        }
        Console.WriteLine();
        Console.WriteLine("median of runs:");
        Console.WriteLine(RunResult.Header);
        foreach (var row in rows) Console.WriteLine(row.Row());
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(string benchDll, int n, MediaBenchOptions o, ChromiumReceivers? chromium)
    {
        int port = FreeTcpPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            benchDll, "serve", "--bench-warm", $"{o.Quality}:{o.Codec}", "--urls", baseUrl,
            $"--Emulator:ApiKeys:0={ApiKey}:paid", "--Emulator:ConcurrentSessions:paid=1000",
            "--Emulator:Media:UdpPort=0", "--Emulator:Media:PrepareAtStartup=false",
            "--Logging:LogLevel:Default=Warning",
        }) psi.ArgumentList.Add(a);
        // The same GC as the real emulator (Microsoft.NET.Sdk.Web: server GC), not the bench's own settings.
        foreach (var (k, v) in EmulatorGcEnvironment()) psi.Environment[k] = v;
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the emulator");
        var childLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        child.OutputDataReceived += (_, e) => { if (e.Data is not null) childLog.Enqueue(e.Data); };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) childLog.Enqueue(e.Data); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var light = new List<LightReceivingPeer>();
        var lightStarts = new List<(LightReceivingPeer Peer, long StartTicks)>();
        try
        {
            await WaitReadyAsync(http, baseUrl, child, childLog);
            // One warm-up session (streamed 2 s, then stopped) so the baseline already holds the one-time costs
            // (JIT of the media path, DTLS/SRTP code, the shared clip): what remains is the cost per session.
            {
                var (warm, _, warmId) = await StartLightSessionAsync(http, baseUrl, o);
                await Task.Delay(2000);
                using var client = new HeyGenClient(http, new Uri(baseUrl + "/"), ApiKey);
                await client.SendAsync(HttpMethod.Post, "v1/streaming.stop", new JsonObject { ["session_id"] = warmId }.ToJsonString());
                await warm.DisposeAsync();
            }
            await Task.Delay(1000);
            long rssBase = ProcStats.RssBytes(child.Id);
            double idleCpuBefore = ProcStats.CpuSeconds(child.Id);
            await Task.Delay(2000);
            double idleCpuPercent = (ProcStats.CpuSeconds(child.Id) - idleCpuBefore) / 2 * 100;
            var engineBase = await EngineAsync(http, baseUrl);

            int inChromium = Math.Min(n, chromium is null ? 0 : o.Chromium);
            var create = Stopwatch.StartNew();
            if (inChromium > 0) await chromium!.StartAsync(inChromium, baseUrl, ApiKey, o.Codec, o.Quality);
            using var gate = new SemaphoreSlim(8);
            var gateLock = new object();
            await Task.WhenAll(Enumerable.Range(0, n - inChromium).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    var (peer, start, _) = await StartLightSessionAsync(http, baseUrl, o);
                    lock (gateLock) { light.Add(peer); lightStarts.Add((peer, start)); }
                }
                finally { gate.Release(); }
            }));

            // Everyone streaming: every light peer has frames, every Chromium session has decoded one.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                bool lightOk = light.All(p => p.VideoFrames > 0);
                bool chromeOk = inChromium == 0 || (await chromium!.StatsAsync()).All(s => s.FramesDecoded > 0);
                if (lightOk && chromeOk) break;
                await Task.Delay(100);
            }
            double setupSeconds = create.Elapsed.TotalSeconds;
            await Task.Delay(2000);

            // The dashboard is open (fetching, drawing every session) from before the window to after it.
            await using var dashboard = o.Dashboard ? await chromium!.OpenDashboardAsync(baseUrl) : null;

            // The window starts once the emulator has stopped compiling: for the first 10-20 s after N sessions start,
            // the runtime's tiered JIT recompiles their hot code (and the dashboard's endpoints, when it is open) and
            // took more CPU than the media, a one-time cost that is not the steady cost per packet this bench measures.
            var settle = await JitSettleAsync(http, baseUrl);

            // Measurement window.
            foreach (var p in light) p.ResetStats();
            var chromeBefore = inChromium > 0 ? await chromium!.StatsAsync() : [];
            var engineBefore = await EngineAsync(http, baseUrl);
            double cpuBefore = ProcStats.CpuSeconds(child.Id);
            var threadsBefore = ProcStats.ThreadCpuSeconds(child.Id);
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var machineBefore = ProcStats.MachineJiffies();
            var window = Stopwatch.StartNew();
            var rssSamples = new List<long>();
            while (window.Elapsed.TotalSeconds < o.Seconds)
            {
                await Task.Delay(1000);
                rssSamples.Add(ProcStats.RssBytes(child.Id));
            }
            double cpuAfter = ProcStats.CpuSeconds(child.Id);
            var threadsAfter = ProcStats.ThreadCpuSeconds(child.Id);
            var benchCpuAfter = Process.GetCurrentProcess().TotalProcessorTime;
            var machineAfter = ProcStats.MachineJiffies();
            var engineAfter = await EngineAsync(http, baseUrl);
            var chromeAfter = inChromium > 0 ? await chromium!.StatsAsync() : [];
            double seconds = window.Elapsed.TotalSeconds;
            if (dashboard is not null) Console.WriteLine($"  dashboard: {await dashboard.StatsAsync()}");
            Console.WriteLine($"  JIT: settled {settle.TotalSeconds:0} s after the sessions streamed; in the window {engineAfter.JitMethods - engineBefore.JitMethods} methods, {engineAfter.JitMs - engineBefore.JitMs:0} ms");

            long packetsInWindow = engineAfter.PacketsSent - engineBefore.PacketsSent;
            if (packetsInWindow > 0) Console.WriteLine($"  engine µs/packet by thread: {ByThread(threadsBefore, threadsAfter, cpuAfter - cpuBefore, packetsInWindow)}");
            long bytesInWindow = engineAfter.BytesSent - engineBefore.BytesSent;

            var histogram = engineAfter.LatenessHistogram.Zip(engineBefore.LatenessHistogram, (a, b) => a - b).ToArray();
            var result = new RunResult
            {
                N = n,
                Chromium = inChromium,
                Streaming = engineAfter.StreamingPeers,
                LateP50 = HistogramPercentile(histogram, 50),
                LateP99 = HistogramPercentile(histogram, 99),
                LateOver40Percent = 100.0 * histogram.Skip(41).Sum() / Math.Max(1, histogram.Sum()),
                FramesSentPerSessionPerSecond = histogram.Sum() / seconds / n,
                CpuPercentPerSession = (cpuAfter - cpuBefore) / seconds * 100 / n,
                CpuPercentTotal = (cpuAfter - cpuBefore) / seconds * 100,
                IdleCpuPercent = idleCpuPercent,
                RssBaseMb = rssBase / 1048576.0,
                RssPerSessionMb = (rssSamples.Max() - rssBase) / 1048576.0 / n,
                GcHeapPerSessionMb = (engineAfter.GcHeapSize - engineBase.GcHeapSize) / 1048576.0 / n,
                AllocatedMbPerSecond = (engineAfter.TotalAllocated - engineBefore.TotalAllocated) / 1048576.0 / seconds,
                Gen0PerSecond = (engineAfter.Gen0 - engineBefore.Gen0) / seconds,
                Gen2InWindow = engineAfter.Gen2 - engineBefore.Gen2,
                Threads = engineAfter.Threads,
                LightFpsMean = light.Count == 0 ? double.NaN : light.Average(p => p.FramesSinceReset / seconds),
                LightFpsMin = light.Count == 0 ? double.NaN : light.Min(p => p.FramesSinceReset / seconds),
                LightArrivalP99 = light.Count == 0 ? double.NaN : Percentiles.Of(light.SelectMany(p => p.FrameArrivalLatenessMs()).Order().ToList(), 99),
                LightIntervalP99 = light.Count == 0 ? double.NaN : Percentiles.Of(light.SelectMany(p => p.FrameIntervalsMs()).Order().ToList(), 99),
                LightFirstFrameMs = light.Count == 0 ? double.NaN : Percentiles.Of(lightStarts.Select(s => (s.Peer.FirstFrameTicks - s.StartTicks) * 1000.0 / Stopwatch.Frequency).Order().ToList(), 50),
                LightUnprotectFailures = light.Sum(p => p.UnprotectFailures),
                ChromeFps = chromeAfter.Count == 0 ? double.NaN : chromeAfter.Average(a => (a.FramesDecoded - (chromeBefore.FirstOrDefault(b => b.Id == a.Id)?.FramesDecoded ?? 0)) / seconds),
                ChromeFirstFrameMedianMs = chromeAfter.Count == 0 ? double.NaN : Percentiles.Of(chromeAfter.Select(s => s.FirstFrameMs).Order().ToList(), 50),
                ChromeFirstFrameMaxMs = chromeAfter.Count == 0 ? double.NaN : chromeAfter.Max(s => s.FirstFrameMs),
                ChromeInterFrameStdMs = chromeAfter.Count == 0 ? double.NaN : chromeAfter.Average(a => InterFrameStdMs(chromeBefore.FirstOrDefault(b => b.Id == a.Id), a)),
                ChromePacketsLost = chromeAfter.Sum(s => s.PacketsLost),
                BenchCpuPercent = (benchCpuAfter - benchCpuBefore).TotalSeconds / seconds * 100,
                MachineBusyPercent = 100.0 * (machineAfter.Busy - machineBefore.Busy) / Math.Max(1, machineAfter.Total - machineBefore.Total),
                SetupSeconds = setupSeconds,
                PacketsPerSecond = packetsInWindow / seconds,
                EngineUsPerPacket = packetsInWindow == 0 ? double.NaN : (cpuAfter - cpuBefore) * 1e6 / packetsInWindow,
                AllocBytesPerPacket = packetsInWindow == 0 ? double.NaN : (double)(engineAfter.TotalAllocated - engineBefore.TotalAllocated) / packetsInWindow,
                DatagramsPerSendCall = (double)(engineAfter.PacerDatagrams - engineBefore.PacerDatagrams) / Math.Max(1, engineAfter.PacerSendCalls - engineBefore.PacerSendCalls),
            };
            // The limit row, once the window's figures are taken (the peers keep receiving meanwhile): the same packets
            // at the same rate, protected and sent by a bare loop (BareSendLoop), keyed as the engine is (a key per
            // receiver) and sending from a process of its own, as the engine does, to receivers in this one.
            // Three short bare runs, each paired with the engine's own cost over the very seconds it ran (the engine
            // streams on meanwhile): the two rows then share the machine's state, which drifted between the window and
            // the bare runs (one 10 s bare run moved between 5.8 and 9.9 µs per packet from run to run). The ratio is
            // the median of the pairs' ratios. Alternating with them, the row as measured before: the sender in this
            // process, beside its receivers.
            var pairs = new List<(double Bare, double Engine)>();
            var bareInProcessRuns = new List<double>();
            var bareDuration = TimeSpan.FromSeconds(Math.Clamp(o.Seconds / 3.0, 4, 10));
            double rate = packetsInWindow / seconds;
            int meanBytes = packetsInWindow == 0 ? 0 : (int)(bytesInWindow / packetsInWindow);
            for (int i = 0; i < 3 && packetsInWindow > 0; i++)
            {
                // The engine's seconds are the bare run's measured ones (after its warm-up), as the child reports them.
                long packetsAtStart = 0, packetsAtEnd = 0;
                double cpuAtStart = 0, cpuAtEnd = 0;
                var bareRun = await BareSendLoop.RunAsync(n, rate, meanBytes, bareDuration,
                    measuring: async () =>
                    {
                        packetsAtStart = (await EngineAsync(http, baseUrl)).PacketsSent;
                        cpuAtStart = ProcStats.CpuSeconds(child.Id);
                    },
                    measured: async () =>
                    {
                        cpuAtEnd = ProcStats.CpuSeconds(child.Id);
                        packetsAtEnd = (await EngineAsync(http, baseUrl)).PacketsSent;
                    });
                pairs.Add((bareRun.MicrosecondsPerPacket, packetsAtEnd > packetsAtStart ? (cpuAtEnd - cpuAtStart) * 1e6 / (packetsAtEnd - packetsAtStart) : double.NaN));
                bareInProcessRuns.Add((await BareSendLoop.RunAsync(n, rate, meanBytes, bareDuration, senderInChild: false)).MicrosecondsPerPacket);
            }
            static string Figures(IEnumerable<double> runs) => string.Join(" / ", runs.Select(b => b.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
            if (pairs.Count > 0)
                Console.WriteLine($"  limit row, three pairs: bare {Figures(pairs.Select(p => p.Bare))} µs/packet (sender in its own process), " +
                    $"engine over the same seconds {Figures(pairs.Select(p => p.Engine))}; bare {Figures(bareInProcessRuns)} (sender beside its receivers)");
            double Median(IEnumerable<double> values) => Percentiles.Of(values.Order().ToList(), 50);
            double bareInProcess = Median(bareInProcessRuns);
            return result with
            {
                BareUsPerPacket = Median(pairs.Select(p => p.Bare)),
                EngineBesideBareUsPerPacket = Median(pairs.Select(p => p.Engine)),
                CostRatio = Median(pairs.Select(p => p.Engine / p.Bare)),
                BareInProcessUsPerPacket = bareInProcess, CostRatioInProcess = result.EngineUsPerPacket / bareInProcess,
            };
        }
        finally
        {
            foreach (var p in light) await p.DisposeAsync();
            if (chromium is not null) await chromium.ClosePagesAsync();
            try { child.StandardInput.Close(); } catch (Exception) { }
            if (!child.WaitForExit(5000)) { try { child.Kill(); } catch (Exception) { } }
        }
    }

    private static async Task<(LightReceivingPeer, long, string)> StartLightSessionAsync(HttpClient http, string baseUrl, MediaBenchOptions o)
    {
        using var client = new HeyGenClient(http, new Uri(baseUrl + "/"), ApiKey);
        await client.CreateTokenAsync();
        // No "version": a v1 session, as the seed's raw-WebRTC demo page creates it.
        var created = await client.SendAsync(HttpMethod.Post, "v1/streaming.new",
            new JsonObject { ["quality"] = o.Quality, ["video_encoding"] = o.Codec, ["voice"] = new JsonObject() }.ToJsonString());
        if (!created.IsSuccess) throw new InvalidOperationException($"streaming.new: {created.Status} {created.Body}");
        var data = JsonNode.Parse(created.Body)!["data"]!;
        var sessionId = data["session_id"]!.GetValue<string>();
        var offer = data["sdp"]!["sdp"]!.GetValue<string>();
        var peer = new LightReceivingPeer();
        var answer = peer.CreateAnswer(offer);
        long start = Stopwatch.GetTimestamp();
        // Like a browser: ICE/DTLS start as soon as the answer is set locally, in parallel with streaming.start.
        var connect = peer.ConnectAsync(TimeSpan.FromSeconds(30));
        var started = await client.SendAsync(HttpMethod.Post, "v1/streaming.start",
            new JsonObject { ["session_id"] = sessionId, ["sdp"] = new JsonObject { ["type"] = "answer", ["sdp"] = answer } }.ToJsonString());
        if (!started.IsSuccess) throw new InvalidOperationException($"streaming.start: {started.Status} {started.Body}");
        await connect;
        return (peer, start, sessionId);
    }

    private static double InterFrameStdMs(ChromiumSessionStats? before, ChromiumSessionStats after)
    {
        double frames = after.FramesDecoded - (before?.FramesDecoded ?? 0);
        if (frames < 2) return double.NaN;
        double sum = after.TotalInterFrameDelay - (before?.TotalInterFrameDelay ?? 0);
        double sq = after.TotalSquaredInterFrameDelay - (before?.TotalSquaredInterFrameDelay ?? 0);
        double mean = sum / frames;
        return Math.Sqrt(Math.Max(0, sq / frames - mean * mean)) * 1000;
    }

    private static double HistogramPercentile(long[] histogram, double p)
    {
        long total = histogram.Sum();
        if (total == 0) return double.NaN;
        long rank = (long)Math.Ceiling(p / 100 * total), seen = 0;
        for (int i = 0; i < histogram.Length; i++)
            if ((seen += histogram[i]) >= rank) return i;
        return histogram.Length - 1;
    }

    /// <summary>Where the engine's CPU per packet went: each thread name's share (the pacer's is its send path), biggest first.</summary>
    private static string ByThread(Dictionary<string, double> before, Dictionary<string, double> after, double processSeconds, long packets)
    {
        var deltas = after.Select(a => (Name: a.Key, Seconds: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Seconds > 0).OrderByDescending(d => d.Seconds).ToList();
        double rest = processSeconds - deltas.Sum(d => d.Seconds);
        var parts = deltas.Select(d => $"{d.Name} {d.Seconds * 1e6 / packets:0.00}");
        return string.Join(", ", rest > 0 ? parts.Append($"ended threads {rest * 1e6 / packets:0.00}") : parts);
    }

    /// <summary>
    /// Waits (at most 90 s) until the emulator compiled under 2 methods a second five seconds running; how long it
    /// took. Code called about once a second (timers, the bench's own counter reads, the dashboard's fetches) reaches
    /// its final tier a minute or so after its first call, so a short wait leaves a trickle of compiles in the window
    /// (three quiet seconds still left 120 methods, 0.7 µs per packet, in a 15 s window).
    /// </summary>
    private static async Task<TimeSpan> JitSettleAsync(HttpClient http, string baseUrl)
    {
        var waited = Stopwatch.StartNew();
        var before = await EngineAsync(http, baseUrl);
        int quiet = 0;
        while (waited.Elapsed < TimeSpan.FromSeconds(90) && quiet < 5)
        {
            await Task.Delay(1000);
            var now = await EngineAsync(http, baseUrl);
            quiet = now.JitMethods - before.JitMethods < 2 ? quiet + 1 : 0;
            before = now;
        }
        return waited.Elapsed;
    }

    private static async Task<EngineSnapshot> EngineAsync(HttpClient http, string baseUrl) =>
        (await http.GetFromJsonAsync<EngineSnapshot>(baseUrl + "/_bench/engine", Json))!;

    private static async Task WaitReadyAsync(HttpClient http, string baseUrl, Process child, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        try
        {
            // A cold clip cache means one ffmpeg encode.
            await Poll.UntilAsync(async () =>
            {
                if (child.HasExited) throw new InvalidOperationException("emulator exited: " + string.Join('\n', log));
                try
                {
                    using var r = await http.GetAsync(baseUrl + "/_bench/engine");
                    return r.IsSuccessStatusCode;
                }
                catch (HttpRequestException) { return false; }
            }, ready => ready, "emulator ready", TimeSpan.FromSeconds(180), TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + string.Join('\n', log));
        }
    }

    private static IEnumerable<(string, string)> EmulatorGcEnvironment()
    {
        var config = Path.Combine(RepoRoot(), "emulator", "bin", "Release", "net10.0", "HeyGenEmulator.runtimeconfig.json");
        bool server = true; // the Web SDK's default
        bool? concurrent = null;
        if (File.Exists(config))
        {
            var props = JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["configProperties"];
            if (props?["System.GC.Server"] is { } s) server = s.GetValue<bool>();
            if (props?["System.GC.Concurrent"] is { } c) concurrent = c.GetValue<bool>();
        }
        yield return ("DOTNET_gcServer", server ? "1" : "0");
        if (concurrent is { } cc) yield return ("DOTNET_gcConcurrent", cc ? "1" : "0");
    }

    internal static string FindBenchDll() => Path.Combine(AppContext.BaseDirectory, "HeyGenEmulator.Bench.dll");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    private static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public sealed record RunResult
{
    public int N { get; init; }
    public int Chromium { get; init; }
    public int Streaming { get; init; }
    public double LateP50 { get; init; }
    public double LateP99 { get; init; }
    public double LateOver40Percent { get; init; }
    public double FramesSentPerSessionPerSecond { get; init; }
    public double CpuPercentPerSession { get; init; }
    public double CpuPercentTotal { get; init; }
    public double IdleCpuPercent { get; init; }
    public double RssBaseMb { get; init; }
    public double RssPerSessionMb { get; init; }
    public double GcHeapPerSessionMb { get; init; }
    public double AllocatedMbPerSecond { get; init; }
    public double Gen0PerSecond { get; init; }
    public int Gen2InWindow { get; init; }
    public int Threads { get; init; }
    public double LightFpsMean { get; init; }
    public double LightFpsMin { get; init; }
    public double LightArrivalP99 { get; init; }
    public double LightIntervalP99 { get; init; }
    public double LightFirstFrameMs { get; init; }
    public long LightUnprotectFailures { get; init; }
    public double ChromeFps { get; init; }
    public double ChromeFirstFrameMedianMs { get; init; }
    public double ChromeFirstFrameMaxMs { get; init; }
    public double ChromeInterFrameStdMs { get; init; }
    public double ChromePacketsLost { get; init; }
    public double BenchCpuPercent { get; init; }
    public double MachineBusyPercent { get; init; }
    public double SetupSeconds { get; init; }
    public double PacketsPerSecond { get; init; }
    /// <summary>The emulator's CPU in the window (all its threads) per RTP/RTCP packet it sent, in µs.</summary>
    public double EngineUsPerPacket { get; init; }
    public double AllocBytesPerPacket { get; init; }
    /// <summary>The bare loop's sender CPU per packet at the same rate and size (<see cref="BareSendLoop"/>), in µs.</summary>
    public double BareUsPerPacket { get; init; }
    /// <summary>The engine's CPU per packet over the seconds each bare run took (median of three), in µs.</summary>
    public double EngineBesideBareUsPerPacket { get; init; }
    /// <summary>
    /// Engine ÷ bare of one run: the median of three pairs, each the engine's cost over a bare run's seconds ÷ that
    /// run's; the median row holds the median of the runs' ratios.
    /// </summary>
    public double CostRatio { get; init; }
    /// <summary>The bare loop sending from the bench process, beside its receivers; run alternately with <see cref="BareUsPerPacket"/>.</summary>
    public double BareInProcessUsPerPacket { get; init; }
    public double CostRatioInProcess { get; init; }
    /// <summary>The pacer's media datagrams per system call (sendmmsg batches a tick's worth).</summary>
    public double DatagramsPerSendCall { get; init; }

    public string Line(int run) =>
        $"N={N,3} run {run}: streaming {Streaming}, late p50/p99 {LateP50:0}/{LateP99:0} ms (>40 ms: {LateOver40Percent:0.00}%), " +
        $"sent {FramesSentPerSessionPerSecond:0.0} fps/session, emulator CPU {CpuPercentTotal:0}% ({CpuPercentPerSession:0.00}%/session; idle before sessions {IdleCpuPercent:0.0}%), " +
        $"RSS {RssBaseMb:0} MB + {RssPerSessionMb:0.00} MB/session (GC heap {GcHeapPerSessionMb:0.00} MB/session), " +
        $"alloc {AllocatedMbPerSecond:0.0} MB/s, gen0 {Gen0PerSecond:0.0}/s, gen2 {Gen2InWindow}, threads {Threads}; " +
        $"light: {LightFpsMean:0.0} fps (min {LightFpsMin:0.0}), arrival p99 {LightArrivalP99:0} ms, interval p99 {LightIntervalP99:0} ms, " +
        $"first frame {LightFirstFrameMs:0} ms, SRTP failures {LightUnprotectFailures}; " +
        $"chromium ×{Chromium}: {ChromeFps:0.0} fps, first frame {ChromeFirstFrameMedianMs:0}/{ChromeFirstFrameMaxMs:0} ms (median/max), " +
        $"inter-frame σ {ChromeInterFrameStdMs:0.0} ms, lost {ChromePacketsLost}; bench CPU {BenchCpuPercent:0}%, machine busy {MachineBusyPercent:0}%, setup {SetupSeconds:0.0} s; " +
        $"limit row: {PacketsPerSecond:0} packets/s, engine {EngineUsPerPacket:0.0} µs/packet ({AllocBytesPerPacket:0} B allocated), bare loop {BareUsPerPacket:0.0} µs/packet beside the engine's {EngineBesideBareUsPerPacket:0.0}, ratio {CostRatio:0.00} (sender beside its receivers: bare {BareInProcessUsPerPacket:0.0} µs/packet, ratio {CostRatioInProcess:0.00}), {DatagramsPerSendCall:0.0} datagrams per send call";

    public const string Header =
        "|   N | late p50 | late p99 | >40 ms | CPU/session | RSS/session | sent fps | light fps (min) | light arrival p99 | light 1st frame | Chromium fps | Chromium 1st frame (max) | machine busy | packets/s | engine µs/pkt | alloc B/pkt | bare µs/pkt | engine µs/pkt beside bare | ratio |\n" +
        "|----:|---------:|---------:|-------:|------------:|------------:|---------:|----------------:|------------------:|----------------:|-------------:|-------------------------:|-------------:|----------:|--------------:|------------:|------------:|--------------------------:|------:|";

    public string Row() =>
        $"| {N,3} | {LateP50,5:0} ms | {LateP99,5:0} ms | {LateOver40Percent,5:0.00}% | {CpuPercentPerSession,8:0.00}% | {RssPerSessionMb,7:0.00} MB | {FramesSentPerSessionPerSecond,8:0.0} | " +
        $"{LightFpsMean,6:0.0} ({LightFpsMin:0.0}) | {LightArrivalP99,12:0} ms | {LightFirstFrameMs,10:0} ms | " +
        (Chromium == 0 ? "           – |                        – |" : $"{ChromeFps,7:0.0} (×{Chromium}) | {ChromeFirstFrameMedianMs,9:0} ms ({ChromeFirstFrameMaxMs:0} ms) |") +
        $" {MachineBusyPercent,10:0}% | {PacketsPerSecond,9:0} | {EngineUsPerPacket,13:0.0} | {AllocBytesPerPacket,11:0} | {BareUsPerPacket,11:0.0} | {EngineBesideBareUsPerPacket,25:0.0} | {CostRatio,5:0.00} |";

    /// <summary>Per-field median over runs.</summary>
    public static RunResult Median(IReadOnlyList<RunResult> runs)
    {
        double M(Func<RunResult, double> f) => Percentiles.Of(runs.Select(f).Where(v => !double.IsNaN(v)).Order().ToList(), 50);
        return runs[0] with
        {
            Streaming = (int)M(r => r.Streaming),
            LateP50 = M(r => r.LateP50), LateP99 = M(r => r.LateP99), LateOver40Percent = M(r => r.LateOver40Percent),
            FramesSentPerSessionPerSecond = M(r => r.FramesSentPerSessionPerSecond),
            CpuPercentPerSession = M(r => r.CpuPercentPerSession), CpuPercentTotal = M(r => r.CpuPercentTotal), IdleCpuPercent = M(r => r.IdleCpuPercent),
            RssBaseMb = M(r => r.RssBaseMb), RssPerSessionMb = M(r => r.RssPerSessionMb), GcHeapPerSessionMb = M(r => r.GcHeapPerSessionMb),
            AllocatedMbPerSecond = M(r => r.AllocatedMbPerSecond), Gen0PerSecond = M(r => r.Gen0PerSecond),
            LightFpsMean = M(r => r.LightFpsMean), LightFpsMin = M(r => r.LightFpsMin), LightArrivalP99 = M(r => r.LightArrivalP99),
            LightIntervalP99 = M(r => r.LightIntervalP99), LightFirstFrameMs = M(r => r.LightFirstFrameMs),
            ChromeFps = M(r => r.ChromeFps), ChromeFirstFrameMedianMs = M(r => r.ChromeFirstFrameMedianMs),
            ChromeFirstFrameMaxMs = M(r => r.ChromeFirstFrameMaxMs), ChromeInterFrameStdMs = M(r => r.ChromeInterFrameStdMs),
            BenchCpuPercent = M(r => r.BenchCpuPercent), MachineBusyPercent = M(r => r.MachineBusyPercent), SetupSeconds = M(r => r.SetupSeconds),
            PacketsPerSecond = M(r => r.PacketsPerSecond), EngineUsPerPacket = M(r => r.EngineUsPerPacket),
            AllocBytesPerPacket = M(r => r.AllocBytesPerPacket), BareUsPerPacket = M(r => r.BareUsPerPacket),
            EngineBesideBareUsPerPacket = M(r => r.EngineBesideBareUsPerPacket),
            CostRatio = M(r => r.CostRatio), BareInProcessUsPerPacket = M(r => r.BareInProcessUsPerPacket), CostRatioInProcess = M(r => r.CostRatioInProcess),
            DatagramsPerSendCall = M(r => r.DatagramsPerSendCall),
        };
    }
}
