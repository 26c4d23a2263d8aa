using System.Diagnostics;
using System.Text.Json;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// The figures issue 5 asks for: streaming.new → stream_ready per SDK version, and how many concurrent SDK
/// sessions one Chromium page holds against the emulator. Printed to the test output
/// (<c>dotnet test --logger "console;verbosity=detailed"</c>) and to clients/js-sdk/dist/figures.txt.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class SdkFigureTests(SdkKit kit, ITestOutputHelper output)
{
    private const string Avatar = "Wayne_20240711";

    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Figure_time_from_streaming_new_to_stream_ready(string version)
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var page = await kit.OpenAsync(version);
            (await page.StartAsync(new { avatarName = Avatar, quality = "low" })).EnsureOk("createStartAvatar");
            var ready = await page.WaitForEventAsync("stream_ready", TimeSpan.FromSeconds(10));
            var newCall = (await page.RequestsAsync()).EnumerateArray().First(r => r.GetProperty("url").GetString()!.EndsWith("/v1/streaming.new"));
            samples.Add(ready.T - newCall.GetProperty("t").GetDouble());
            (await page.StopAsync()).EnsureOk("stopAvatar");
        }
        samples.Sort();
        Report($"SDK {version}: streaming.new → stream_ready median {samples[1]:0} ms (runs: {string.Join(", ", samples.Select(s => s.ToString("0")))} ms)");
        Assert.True(samples[1] < 5000, $"median {samples[1]:0} ms");
    }

    /// <summary>
    /// Adds SDK sessions to one page, one at a time, each with its own token and &lt;video&gt;, until one fails to
    /// become ready within 10 s, any session's video stops advancing, or the cap or time budget is reached.
    /// In the normal suite the cap is 8 (a floor, ~15 s); <c>HEYGEN_SDK_BENCH=1</c> raises it to 60 sessions / 240 s
    /// for the real figure (against eng-livekit: 2.0.8 held 30 when the 90 s budget ran out, 2.1.0 held 36).
    /// </summary>
    [Theory]
    [MemberData(nameof(SdkVersions.All), MemberType = typeof(SdkVersions))]
    public async Task Figure_concurrent_sessions_one_Chromium_page_holds(string version)
    {
        var bench = Environment.GetEnvironmentVariable("HEYGEN_SDK_BENCH") == "1";
        var cap = bench ? 60 : 8;
        var timeBudget = TimeSpan.FromSeconds(bench ? 240 : 60);
        var budget = Stopwatch.StartNew();
        await using var page = await kit.OpenAsync(version);
        var held = 0;
        string? stoppedBy = null;
        for (var i = 0; i < cap && budget.Elapsed < timeBudget; i++)
        {
            var name = $"s{i}";
            var token = await kit.CreateTokenAsync();
            var result = await page.Page.EvaluateAsync<JsonElement>("([n, o]) => kitSession(n).start(o)",
                new object[] { name, new { token, basePath = kit.EmulatorUrl, request = new { avatarName = Avatar, quality = "low" } } });
            if (!result.GetProperty("ok").GetBoolean()) { stoppedBy = $"session {i + 1}: {result.GetProperty("error")}"; break; }
            try
            {
                await page.Page.WaitForFunctionAsync("n => kitSession(n).events.some(e => e.name === 'stream_ready')", name, new() { Timeout = 10_000 });
            }
            catch (TimeoutException) { stoppedBy = $"session {i + 1}: no stream_ready in 10 s"; break; }
            // Every session so far must still be decoding.
            var before = await FramesAsync(page, i + 1);
            await Task.Delay(1000);
            var after = await FramesAsync(page, i + 1);
            var stalled = Enumerable.Range(0, i + 1).Where(k => after[k] <= before[k]).ToList();
            if (stalled.Count > 0) { stoppedBy = $"session {i + 1}: video stalled in {stalled.Count} session(s)"; break; }
            held = i + 1;
        }
        Report($"SDK {version}: one Chromium page held {held} concurrent SDK sessions (low quality){(stoppedBy is null ? $" (stopped at the cap {cap} or the {timeBudget.TotalSeconds:0} s budget{(bench ? "" : "; HEYGEN_SDK_BENCH=1 for the full bench")})" : $"; stopped by {stoppedBy}")}, {budget.Elapsed.TotalSeconds:0} s");
        for (var k = 0; k <= held && k < cap; k++)
            await page.Page.EvaluateAsync("n => kitSession(n).avatar && kitSession(n).stop()", $"s{k}");
        Assert.True(held >= (bench ? 1 : cap), $"held only {held} sessions; {stoppedBy}");
    }

    private static async Task<int[]> FramesAsync(SdkPage page, int count) =>
        (await page.Page.EvaluateAsync<int[]>("c => Array.from({length: c}, (_, k) => kitSession('s' + k).stats().totalVideoFrames)", count));

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(SdkKit.KitDir, "dist", "figures.txt"), $"{DateTimeOffset.Now:u} {line}\n");
    }
}
