using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace HeyGenEmulator.Browser.Tests;

/// <summary>The seed 003 "Complete Demo Code" page, unmodified but for its two settings, against the emulator in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Start_streams_720p_video_and_audio_Talk_raises_audio_energy_Close_frees_everything()
    {
        var engine = fixture.Engine;
        var page = await fixture.NewPageAsync(fixture.DemoPageHtml(), output.WriteLine);

        // Start → frames decoded at the quality's resolution (the page asks for "high": 1280x720), audio arriving.
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#startBtn");
        var streamingAt = Task.Run(async () =>
        {
            while (engine.StreamingPeers == 0 && clock.ElapsedMilliseconds < 20_000) await Task.Delay(5);
            return clock.ElapsedMilliseconds;
        });
        var first = await Poll.UntilAsync(() => Stats.OfDemoPageAsync(page), s => s?.Video?.FramesDecoded > 0,
            "first decoded frame", TimeSpan.FromSeconds(20));
        var firstFrameMs = clock.ElapsedMilliseconds;
        output.WriteLine($"start click → DTLS connected (media starts): {await streamingAt} ms; → first decoded frame: {firstFrameMs} ms ({first})");

        var streaming = await Poll.UntilAsync(() => Stats.OfDemoPageAsync(page), s => s?.Video?.FramesDecoded >= 50,
            "50 decoded frames", TimeSpan.FromSeconds(10));
        output.WriteLine($"after {clock.ElapsedMilliseconds} ms: {streaming}");
        Assert.Equal(1280, streaming!.Video!.Width);
        Assert.Equal(720, streaming.Video.Height);
        Assert.Equal("video/VP8", streaming.Video.Codec);
        Assert.True(streaming.Audio?.PacketsReceived > 50, $"audio packets: {streaming.Audio}");
        Assert.Equal("audio/opus", streaming.Audio!.Codec);
        Assert.Equal(1, engine.StreamingPeers);
        var videoSize = await page.EvaluateAsync<int[]>("() => [mediaElement.videoWidth, mediaElement.videoHeight]");
        Assert.Equal([1280, 720], videoSize);

        // Silence first: the energy rate while idle.
        var idleStart = await Stats.OfDemoPageAsync(page);
        await Task.Delay(1000);
        var idleEnd = await Stats.OfDemoPageAsync(page);
        double idleRate = idleEnd!.Audio!.TotalAudioEnergy - idleStart!.Audio!.TotalAudioEnergy;

        // Talk: type and click, as a user would; duration_ms comes from the API response the page received.
        var taskResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/v1/streaming.task", StringComparison.Ordinal));
        await page.FillAsync("#taskInput", "Hello from the emulator. This sentence is spoken by espeak and streamed as Opus.");
        await page.ClickAsync("#talkBtn");
        // The page sends no task_mode, so the task is sync (HeyGen's default): its response comes when the speech has
        // ended. Sample from the click, and place the talking window before the response.
        var samples = new List<(double T, double Energy, double Level)>();
        TimeSpan? responseAt = null;
        var giveUp = clock.Elapsed + TimeSpan.FromSeconds(40);
        while (responseAt is null || clock.Elapsed < responseAt + TimeSpan.FromMilliseconds(2500))
        {
            if (responseAt is null && taskResponse.IsCompleted) responseAt = clock.Elapsed;
            Assert.True(clock.Elapsed < giveUp, "no streaming.task response within 40 s");
            var s = await Stats.OfDemoPageAsync(page);
            samples.Add((clock.Elapsed.TotalMilliseconds, s!.Audio!.TotalAudioEnergy, s.Audio.AudioLevel));
            await Task.Delay(100);
        }
        var response = await taskResponse;
        using var body = JsonDocument.Parse(await response.TextAsync());
        double durationMs = body.RootElement.GetProperty("data").GetProperty("duration_ms").GetDouble();
        output.WriteLine($"task duration_ms = {durationMs}");
        Assert.InRange(durationMs, 2000, 15000);
        double speechEnd = responseAt.Value.TotalMilliseconds;
        double Rate(double fromMs, double toMs)
        {
            var a = samples.First(x => x.T >= fromMs);
            var b = samples.Last(x => x.T <= toMs);
            return (b.Energy - a.Energy) / Math.Max(0.001, (b.T - a.T) / 1000);
        }
        double talkingRate = Rate(speechEnd - durationMs + 200, speechEnd - 200);
        double afterRate = Rate(speechEnd + 1000, speechEnd + 2400);
        double peakLevel = samples.Where(x => x.T < speechEnd).Max(x => x.Level);
        double afterLevel = samples.Last().Level;
        output.WriteLine($"audio energy/s: idle {idleRate:0.######}, talking {talkingRate:0.######}, after {afterRate:0.######}; " +
                         $"audioLevel peak {peakLevel:0.###}, after {afterLevel:0.###}");
        Assert.True(talkingRate > 0.001, $"talking energy rate {talkingRate}");
        Assert.True(talkingRate > 20 * Math.Max(idleRate, 1e-6), $"talking {talkingRate} vs idle {idleRate}");
        Assert.True(afterRate < talkingRate / 20, $"after {afterRate} vs talking {talkingRate}");
        Assert.True(peakLevel > 0.01, $"peak audioLevel {peakLevel}");

        var beforeClose = await Stats.OfDemoPageAsync(page);
        output.WriteLine($"before close: {beforeClose}; engine sent {engine.PacketsSent} packets");
        Assert.Equal(0, beforeClose!.Video!.PacketsLost);

        // Close → the session stops, the peer ends, the engine holds nothing.
        await page.ClickAsync("#closeBtn");
        await Poll.UntilAsync(() => Task.FromResult((engine.ActivePeers, engine.MuxEndpoints, engine.BoundAddresses, engine.StreamingPeers)),
            c => c == (0, 0, 0, 0), "engine counters at zero", TimeSpan.FromSeconds(5));
        long sent = engine.PacketsSent;
        await Task.Delay(300);
        Assert.Equal(sent, engine.PacketsSent);
        Assert.Equal("null", await page.EvaluateAsync<string>("() => String(peerConnection)"));
    }
}
