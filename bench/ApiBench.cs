using System.Collections.Concurrent;
using System.Diagnostics;
using HeyGen.Client;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Bench;

/// <summary>
/// Whole HTTP session cycles (create_token → new → start → task → keep_alive → stop) from N concurrent clients against
/// the emulator on a real loopback port, media off: the API's own cost. Prints per-endpoint latency in ms.
/// </summary>
public static class ApiBench
{
    public static async Task RunAsync(int clients, TimeSpan duration)
    {
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add("bench-key:paid");
            o.Settings["Emulator:ConcurrentSessions:paid"] = $"{clients * 2}";
            o.Media = false;
        });
        var baseUrl = host.BaseUrl;
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var cycles = 0;
        var errors = 0;
        var stop = DateTime.UtcNow + duration;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();

        async Task<T> Timed<T>(string name, Func<Task<T>> call)
        {
            var t = Stopwatch.GetTimestamp();
            var result = await call();
            latencies.GetOrAdd(name, _ => []).Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            return result;
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var http = new HttpClient();
            while (DateTime.UtcNow < stop)
            {
                using var client = new HeyGenClient(http, baseUrl, "bench-key");
                try
                {
                    await Timed("create_token", () => client.CreateTokenAsync());
                    var info = await Timed("new", () => client.NewSessionAsync(new NewSessionRequest { AvatarName = "Santa_Fireplace_Front_public", Quality = "low" }));
                    await Timed("start", async () => { await client.StartAsync(info.SessionId); return 0; });
                    await Timed("task", () => client.SpeakAsync(info.SessionId, "Hello from the benchmark", "repeat"));
                    await Timed("keep_alive", async () => { await client.KeepAliveAsync(info.SessionId); return 0; });
                    await Timed("stop", async () => { await client.StopAsync(info.SessionId); return 0; });
                    Interlocked.Increment(ref cycles);
                }
                catch (HeyGenApiException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));

        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var seconds = wall.Elapsed.TotalSeconds;
        Console.WriteLine($"API bench: {clients} clients, {seconds:0.0} s, {Environment.ProcessorCount} cores (client and emulator in one process)");
        Console.WriteLine($"  session cycles: {cycles} ({cycles / seconds:0.0}/s), requests: {cycles * 6} ({cycles * 6 / seconds:0}/s), errors: {errors}");
        Console.WriteLine($"  CPU: {cpuUsed.TotalSeconds:0.0} s ({cpuUsed.TotalSeconds / seconds * 100:0}% of one core)");
        foreach (var name in new[] { "create_token", "new", "start", "task", "keep_alive", "stop" })
            if (latencies.TryGetValue(name, out var bag)) Console.WriteLine($"  {name,-12} {Percentiles.Summary(bag)}  ms");
    }
}
