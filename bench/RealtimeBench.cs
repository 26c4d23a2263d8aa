using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Bench;

/// <summary>
/// <c>bench realtime</c>: the realtime socket's audio-in → audio-out latency, end to end. The emulator runs in this
/// process with media on; <c>clients/livekit-native/realtime-bench.mjs</c> (one Node process, LiveKit's native SDK)
/// opens N sessions at once, each with its realtime socket and an audio-only subscriber, and times each utterance from
/// sending its first <c>agent.speak</c> chunk to the first decoded 10 ms frame above the silence threshold. So the
/// figure holds: JSON and base64 decoding, Opus encoding, the 20 ms pacing, RTP over loopback, the SDK's jitter
/// buffer and decoder, and the wait for the 10 ms frame. Client and emulator share the machine's cores.
/// </summary>
public static class RealtimeBench
{
    private const string Key = "realtime-bench-key";

    public static async Task<int> RunAsync(int[] sessionCounts, int utterances)
    {
        var directory = ClientDirectory();
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add(Key + ":paid");
            o.Settings["Emulator:ConcurrentSessions:paid"] = "64";
        });
        Console.WriteLine($"realtime: emulator at {host.Url}, {Environment.ProcessorCount} cores, {utterances} utterances of 1 s per session");
        int failures = 0;
        foreach (var sessions in sessionCounts)
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var reports = await RunNodeAsync(directory, host.Url.TrimEnd('/'), sessions, utterances);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
            var latencies = reports.Where(r => (string?)r["kind"] == "latency").Select(r => (double?)r["ms"]).ToList();
            var heard = latencies.Where(l => l is not null).Select(l => l!.Value).ToList();
            var missed = latencies.Count - heard.Count;
            failures += missed;
            var ready = reports.FirstOrDefault(r => (string?)r["kind"] == "ready");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {sessions,3} sessions: audio-in → audio-out ms {Percentiles.Summary(heard)}  unheard={missed}  emulator CPU {cpu:0.00} cores  (setup {(double?)ready?["setup_ms"] / 1000:0.0} s)"));
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<List<JsonObject>> RunNodeAsync(string directory, string baseUrl, int sessions, int utterances)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "realtime-bench.mjs", baseUrl, Key, sessions.ToString(CultureInfo.InvariantCulture), utterances.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        start.Environment["NODE_NO_WARNINGS"] = "1";
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var reports = new List<JsonObject>();
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            try
            {
                if (JsonNode.Parse(e.Data) is JsonObject o) lock (reports) reports.Add(o);
            }
            catch (System.Text.Json.JsonException) { }
        };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Console.WriteLine("  node did not finish within 5 minutes");
        }
        node.WaitForExit();
        lock (reports) return [.. reports];
    }

    private static string ClientDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "clients", "livekit-native");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException("clients/livekit-native not found (run clients/livekit-native/install.sh)");
    }
}
