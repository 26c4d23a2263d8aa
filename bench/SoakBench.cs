using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Bench;

/// <summary>
/// <c>bench soak</c>: what a long, hostile day leaves behind. Opens and closes many v1 (a light peer receives video) and
/// v2 sessions, then compares threads, descriptors, sockets, sessions, tokens and memory after a forced GC with the
/// baseline; fires malformed HTTP requests (counting 5xx) and random datagrams at the media port while two sessions
/// stream (their frame rate before and during). The emulator runs in this process, so figures include the bench's own
/// clients; it prints figures and judges nothing.
/// </summary>
public static class SoakBench
{
    private const string Key = "soak-key";

    public static async Task<int> RunAsync(int sessions, int malformed, int datagrams)
    {
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add(Key + ":paid");
            o.Settings["Emulator:ConcurrentSessions:paid"] = "64";
            o.Settings["Emulator:Media:PrepareAtStartup"] = "false";
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Console.WriteLine($"soak: emulator at {host.Url}, media UDP {host.Services.GetRequiredService<MediaEngine>().Port}");

        // Warm-up: clips encoded, JIT done, pools filled, so the baseline is a running emulator's.
        using (var warmHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
            await CyclesAsync(host, warmHttp, 8, 4);
        await ResetAsync(http, host);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var baseline = Snapshot.Take(host);
        Console.WriteLine($"baseline        {baseline}");

        var watch = Stopwatch.StartNew();
        // The cycles' own client: closed before measuring, so its keep-alive connections do not count as leftovers.
        using (var cycleHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
            await CyclesAsync(host, cycleHttp, sessions, 16);
        Console.WriteLine($"after {sessions} sessions ({watch.Elapsed.TotalSeconds:0.0} s, half v1 with a light peer, half v2 with a task)");
        Console.WriteLine($"  open          {Snapshot.Take(host)}");
        await ResetAsync(http, host);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the server's side of the closed keep-alive connections
        var after = Snapshot.Take(host);
        Console.WriteLine($"  after reset   {after}");
        Console.WriteLine($"  delta         {after.Minus(baseline)}");

        watch.Restart();
        var statuses = await MalformedAsync(host.BaseUrl, malformed);
        Console.WriteLine($"{malformed} malformed requests ({watch.Elapsed.TotalSeconds:0.0} s): " +
                          string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) +
                          $"; 5xx: {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}");

        await ResetAsync(http, host); // the malformed requests opened sessions too (some were valid streaming.new calls)
        await DatagramsAsync(host, http, datagrams);
        return 0;
    }

    /// <summary>Opens, uses and stops <paramref name="count"/> sessions, <paramref name="parallel"/> at a time, alternating v1 and v2.</summary>
    private static async Task CyclesAsync(EmulatorHost host, HttpClient http, int count, int parallel)
    {
        using var gate = new SemaphoreSlim(parallel);
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                if (i % 2 == 0) await V1CycleAsync(host, http);
                else await V2CycleAsync(host, http);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                if (Interlocked.Increment(ref failures) <= 3) Console.WriteLine($"  cycle failed: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        if (failures > 0) Console.WriteLine($"  {failures} of {count} cycles failed");
    }

    private static async Task V1CycleAsync(EmulatorHost host, HttpClient http)
    {
        using var client = new HeyGenClient(http, host.BaseUrl, Key);
        var created = await client.SendAsync(HttpMethod.Post, "v1/streaming.new", """{"quality":"low"}""", Auth.ApiKey);
        if (!created.IsSuccess) throw new InvalidOperationException($"streaming.new: {created.Status} {created.Body}");
        var data = JsonNode.Parse(created.Body)!["data"]!;
        var id = data["session_id"]!.GetValue<string>();
        await using var peer = new LightReceivingPeer();
        var answer = peer.CreateAnswer(data["sdp"]!["sdp"]!.GetValue<string>());
        var connect = peer.ConnectAsync(TimeSpan.FromSeconds(30));
        var started = await client.SendAsync(HttpMethod.Post, "v1/streaming.start",
            new JsonObject { ["session_id"] = id, ["sdp"] = new JsonObject { ["type"] = "answer", ["sdp"] = answer } }.ToJsonString(), Auth.ApiKey);
        if (!started.IsSuccess) throw new InvalidOperationException($"streaming.start: {started.Status} {started.Body}");
        await connect;
        await Poll.Until(() => peer.VideoFrames > 0, "a video frame", TimeSpan.FromSeconds(20));
        await client.SendAsync(HttpMethod.Post, "v1/streaming.stop", new JsonObject { ["session_id"] = id }.ToJsonString(), Auth.ApiKey);
    }

    private static async Task V2CycleAsync(EmulatorHost host, HttpClient http)
    {
        using var client = new HeyGenClient(http, host.BaseUrl, Key);
        var created = await client.SendAsync(HttpMethod.Post, "v1/streaming.new", """{"quality":"low","version":"v2"}""", Auth.ApiKey);
        if (!created.IsSuccess) throw new InvalidOperationException($"streaming.new: {created.Status} {created.Body}");
        var id = JsonNode.Parse(created.Body)!["data"]!["session_id"]!.GetValue<string>();
        var session = new JsonObject { ["session_id"] = id }.ToJsonString();
        await client.SendAsync(HttpMethod.Post, "v1/streaming.start", session, Auth.ApiKey);
        await client.SendAsync(HttpMethod.Post, "v1/streaming.task",
            new JsonObject { ["session_id"] = id, ["text"] = "Soak test speech.", ["task_mode"] = "async" }.ToJsonString(), Auth.ApiKey);
        await client.SendAsync(HttpMethod.Post, "v1/streaming.stop", session, Auth.ApiKey);
    }

    private static async Task ResetAsync(HttpClient http, EmulatorHost host)
    {
        using var response = await http.PostAsync(new Uri(host.BaseUrl, "_emulator/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Random paths, methods, headers and bodies, sent in parallel; answers counted by status.</summary>
    private static async Task<Dictionary<int, int>> MalformedAsync(Uri baseUrl, int count)
    {
        var random = new Random(20261201);
        string[] paths = ["v1/streaming.new", "v1/streaming.start", "v1/streaming.task", "v1/streaming.ice", "v1/streaming.stop",
            "v2/streaming.list", "v1/streaming.list", "v1/streaming.create_token", "v1/nope", "_emulator/clock/advance", "rtc/validate"];
        string[] bodies = ["{", "[]", "null", "{\"session_id\":5}", "{\"text\":" + new string('x', 40) + "}", "\u0000\u0001", "{\"session_id\":\"x\",\"text\":\"hi\"}",
            "{\"candidate\":{\"candidate\":7}}", "{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}", "{\"seconds\":-1}"];
        var requests = Enumerable.Range(0, count).Select(_ =>
        {
            var method = random.Next(4) switch { 0 => HttpMethod.Get, 1 => HttpMethod.Put, _ => HttpMethod.Post };
            var request = new HttpRequestMessage(method, new Uri(baseUrl, paths[random.Next(paths.Length)]));
            var body = random.Next(5) == 0 ? Encoding.UTF8.GetString(RandomBytes(random, random.Next(1, 200))) : bodies[random.Next(bodies.Length)];
            request.Content = new StringContent(body, Encoding.UTF8, random.Next(3) == 0 ? "text/plain" : "application/json");
            if (random.Next(2) == 0) request.Headers.TryAddWithoutValidation("X-Api-Key", random.Next(2) == 0 ? Key : "wrong");
            else request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Convert.ToBase64String(RandomBytes(random, 24)));
            return request;
        }).ToList();
        var statuses = new Dictionary<int, int>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(requests.Select(async request =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await http.SendAsync(request);
                lock (statuses) statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }
            catch (HttpRequestException)
            {
                lock (statuses) statuses[0] = statuses.GetValueOrDefault(0) + 1; // the connection itself failed
            }
            finally
            {
                request.Dispose();
                gate.Release();
            }
        }));
        return statuses;
    }

    /// <summary>Two sessions stream; their frame rate is measured for 3 s, then again while garbage floods the media port.</summary>
    private static async Task DatagramsAsync(EmulatorHost host, HttpClient http, int count)
    {
        var peers = new List<LightReceivingPeer>();
        for (var i = 0; i < 2; i++) peers.Add(await StreamingPeerAsync(host, http));
        var before = await FrameRateAsync(peers, TimeSpan.FromSeconds(3));

        var port = host.Services.GetRequiredService<MediaEngine>().Port;
        var random = new Random(7);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, port);
        var flood = Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var datagram = RandomBytes(random, random.Next(1, 1200));
                // Look-alikes of each kind the mux demultiplexes by first byte: STUN (0–3), DTLS (20–63), RTP/RTCP (128–191).
                datagram[0] = (i % 4) switch { 0 => (byte)random.Next(0, 4), 1 => (byte)random.Next(20, 64), 2 => (byte)random.Next(128, 192), _ => datagram[0] };
                socket.SendTo(datagram, target);
                if (i % 2000 == 1999) Thread.Sleep(1); // ~2 MB/s of garbage, so the loopback buffers are not the bottleneck
            }
        });
        var during = await FrameRateAsync(peers, TimeSpan.FromSeconds(3));
        await flood;
        var alive = peers.All(p => p.Failure is null);
        Console.WriteLine($"{count} random datagrams at UDP {port}: two streaming sessions at {before:0.0} fps before, {during:0.0} fps during; " +
                          $"peers still connected: {alive}; emulator still answering: {await HealthyAsync(http, host)}");
        foreach (var peer in peers) await peer.DisposeAsync();
    }

    private static async Task<LightReceivingPeer> StreamingPeerAsync(EmulatorHost host, HttpClient http)
    {
        using var client = new HeyGenClient(http, host.BaseUrl, Key);
        var created = await client.SendAsync(HttpMethod.Post, "v1/streaming.new", """{"quality":"low"}""", Auth.ApiKey);
        if (!created.IsSuccess) throw new InvalidOperationException($"streaming.new: {created.Status} {created.Body}");
        var data = JsonNode.Parse(created.Body)!["data"]!;
        var peer = new LightReceivingPeer();
        var answer = peer.CreateAnswer(data["sdp"]!["sdp"]!.GetValue<string>());
        var connect = peer.ConnectAsync(TimeSpan.FromSeconds(30));
        await client.SendAsync(HttpMethod.Post, "v1/streaming.start",
            new JsonObject { ["session_id"] = data["session_id"]!.GetValue<string>(), ["sdp"] = new JsonObject { ["type"] = "answer", ["sdp"] = answer } }.ToJsonString(),
            Auth.ApiKey);
        await connect;
        await Poll.Until(() => peer.VideoFrames > 0, "a video frame", TimeSpan.FromSeconds(20));
        return peer;
    }

    private static async Task<double> FrameRateAsync(IReadOnlyList<LightReceivingPeer> peers, TimeSpan window)
    {
        var start = peers.Select(p => p.VideoFrames).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.Delay(window);
        return peers.Select((p, i) => (p.VideoFrames - start[i]) / watch.Elapsed.TotalSeconds).Average();
    }

    private static async Task<bool> HealthyAsync(HttpClient http, EmulatorHost host)
    {
        using var response = await http.GetAsync(new Uri(host.BaseUrl, "_emulator/health"));
        return response.IsSuccessStatusCode;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>What the process holds: after a forced, compacting GC.</summary>
    private sealed record Snapshot(int Threads, int Descriptors, int Sockets, long HeapBytes, long RssBytes, int Sessions, int Peers, int Rooms, int Tokens)
    {
        public static Snapshot Take(EmulatorHost host)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var fds = Directory.GetFiles("/proc/self/fd");
            var sockets = fds.Count(fd =>
            {
                try { return new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true; }
                catch (IOException) { return false; }
            });
            using var process = Process.GetCurrentProcess();
            return new Snapshot(process.Threads.Count, fds.Length, sockets, GC.GetTotalMemory(false),
                ProcStats.RssBytes(Environment.ProcessId), host.Services.GetRequiredService<SessionManager>().All.Count,
                host.Services.GetRequiredService<MediaEngine>().ActivePeers, host.Services.GetRequiredService<LiveKitRooms>().Count,
                host.Services.GetRequiredService<TokenStore>().Count);
        }

        public Snapshot Minus(Snapshot other) => new(Threads - other.Threads, Descriptors - other.Descriptors, Sockets - other.Sockets,
            HeapBytes - other.HeapBytes, RssBytes - other.RssBytes, Sessions - other.Sessions, Peers - other.Peers, Rooms - other.Rooms, Tokens - other.Tokens);

        public override string ToString() =>
            $"threads {Threads}, fds {Descriptors}, sockets {Sockets}, heap {HeapBytes / 1048576.0:0.0} MB, RSS {RssBytes / 1048576.0:0.0} MB, sessions {Sessions}, media peers {Peers}, rooms {Rooms}, tokens {Tokens}";
    }
}
