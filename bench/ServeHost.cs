using System.Diagnostics;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Bench;

/// <summary>
/// <c>bench serve [--bench-warm quality:codec] [emulator args…]</c>: the emulator exactly as <c>EmulatorApp.Build</c>
/// makes it, in a process of its own, plus one read-only route for the media benchmark: <c>GET /_bench/engine</c>
/// (the engine's counters, its video lateness histogram, GC figures). The media benchmark starts this as a child
/// process with the emulator's own GC settings, so /proc shows the emulator's CPU and memory alone.
/// The route answers 503 until the clips named by <c>--bench-warm</c> are in memory.
/// </summary>
public static class ServeHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var warm = new List<(AvatarQuality Quality, VideoCodec Codec)>();
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--bench-warm" && i + 1 < args.Length)
            {
                var parts = args[++i].Split(':');
                warm.Add((Enum.Parse<AvatarQuality>(parts[0], ignoreCase: true), Enum.Parse<VideoCodec>(parts.Length > 1 ? parts[1] : "VP8", ignoreCase: true)));
            }
            else rest.Add(args[i]);
        }

        var ready = false;
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            // The media bench passes every setting itself, as to the real program: none of the host's test defaults.
            (o.Urls, o.UdpPort, o.LogLevel) = (null, null, null);
            o.Args.AddRange(rest);
            o.BeforeStart = app => MapEngineRoute(app, () => ready);
        });
        var library = host.Services.GetRequiredService<AvatarMediaLibrary>();
        var avatar = host.Services.GetRequiredService<AvatarCatalogue>().Resolve(null);
        await Task.WhenAll(warm.Select(w => library.GetAsync(avatar, w.Quality, w.Codec)));
        ready = true;
        Console.WriteLine("bench-serve ready " + string.Join(' ', host.Addresses));
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
        // The parent ends us by closing our stdin (or killing us).
        _ = Task.Run(() => { try { Console.In.ReadToEnd(); } catch (Exception) { } stopped.TrySetResult(); });
        await stopped.Task;
        return 0;
    }

    private static void MapEngineRoute(WebApplication app, Func<bool> ready)
    {
        var engine = app.Services.GetRequiredService<MediaEngine>();
        app.MapGet("/_bench/engine", () =>
        {
            if (!ready()) return Results.StatusCode(503);
            var gc = GC.GetGCMemoryInfo();
            return Results.Json(new EngineSnapshot(
                engine.ActivePeers, engine.StreamingPeers, engine.PacketsSent, engine.BytesSent, engine.VideoLatenessHistogram(),
                GC.GetTotalMemory(false), gc.HeapSizeBytes, gc.TotalCommittedBytes, GC.CollectionCount(0), GC.CollectionCount(1),
                GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalMilliseconds,
                Process.GetCurrentProcess().Threads.Count, System.Runtime.GCSettings.IsServerGC,
                engine.PacerSends.Calls, engine.PacerSends.Datagrams,
                System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds));
        });
    }
}

public sealed record EngineSnapshot(
    int ActivePeers, int StreamingPeers, long PacketsSent, long BytesSent, long[] LatenessHistogram,
    long GcTotalMemory, long GcHeapSize, long GcCommitted, int Gen0, int Gen1, int Gen2, long TotalAllocated,
    double GcPauseMs, int Threads, bool ServerGc, long PacerSendCalls, long PacerDatagrams, long JitMethods, double JitMs);
