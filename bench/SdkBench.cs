using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGen.JsSdk;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Bench;

/// <summary>
/// <c>bench sdk [--sessions 60] [--seconds 240]</c>: the official JS SDK's figures against an in-process emulator, per
/// bundled SDK version: <c>streaming.new</c> → <c>stream_ready</c> (median of 3), and how many concurrent SDK
/// sessions one Chromium page holds. Printed, and appended to a file under the temp directory (never the source tree).
/// </summary>
public static class SdkBench
{
    private const string ApiKey = "bench-sdk-key";
    private const string Avatar = "Wayne_20240711";

    public static async Task RunAsync(int sessionCap, TimeSpan timeBudget)
    {
        await using var emulator = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add($"{ApiKey}:paid");
            o.Settings["Emulator:ConcurrentSessions:paid"] = "500";
        });
        await using var browser = await SdkBrowser.LaunchAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var figures = Path.Combine(Path.GetTempPath(), "heygen-emulator-bench", "sdk-figures.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(figures)!);
        void Report(string line)
        {
            Console.WriteLine(line);
            File.AppendAllText(figures, $"{DateTimeOffset.Now:u} {line}\n");
        }

        var options = new SdkPageOptions { BaseUrl = emulator.Url, ApiKey = ApiKey };
        foreach (var version in SdkBrowser.Versions)
        {
            Report(await StartToReadyAsync(browser, options, version));
            Report(await ConcurrentSessionsAsync(browser, options, version, () => CreateTokenAsync(http, emulator.Url), sessionCap, timeBudget));
        }
        Console.WriteLine($"(appended to {figures})");
    }

    private static async Task<string> StartToReadyAsync(SdkBrowser browser, SdkPageOptions options, string version)
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var page = await browser.OpenAsync(version, options);
            (await page.StartAsync(new { avatarName = Avatar, quality = "low" })).EnsureOk("createStartAvatar");
            var ready = await page.WaitForEventAsync("stream_ready", TimeSpan.FromSeconds(10));
            var newCall = (await page.RequestsAsync()).EnumerateArray().First(r => r.GetProperty("url").GetString()!.EndsWith("/v1/streaming.new", StringComparison.Ordinal));
            samples.Add(ready.T - newCall.GetProperty("t").GetDouble());
            (await page.StopAsync()).EnsureOk("stopAvatar");
        }
        samples.Sort();
        return $"SDK {version}: streaming.new → stream_ready median {samples[1]:0} ms (runs: {string.Join(", ", samples.Select(s => s.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms)";
    }

    /// <summary>
    /// Adds SDK sessions to one page, one at a time, each with its own token and &lt;video&gt;, until one fails to
    /// become ready within 10 s, any session's video stops advancing, or the cap or time budget is reached.
    /// </summary>
    private static async Task<string> ConcurrentSessionsAsync(SdkBrowser browser, SdkPageOptions options, string version,
        Func<Task<string>> createToken, int cap, TimeSpan timeBudget)
    {
        var budget = Stopwatch.StartNew();
        await using var page = await browser.OpenAsync(version, options);
        var held = 0;
        string? stoppedBy = null;
        for (var i = 0; i < cap && budget.Elapsed < timeBudget; i++)
        {
            var name = $"s{i}";
            var token = await createToken();
            var result = await page.Page.EvaluateAsync<JsonElement>("([n, o]) => kitSession(n).start(o)",
                new object[] { name, new { token, basePath = options.BaseUrl, request = new { avatarName = Avatar, quality = "low" } } });
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
        for (var k = 0; k <= held && k < cap; k++)
            await page.Page.EvaluateAsync("n => kitSession(n).avatar && kitSession(n).stop()", $"s{k}");
        var why = stoppedBy is null ? $"stopped at the cap {cap} or the {timeBudget.TotalSeconds:0} s budget" : $"stopped by {stoppedBy}";
        return $"SDK {version}: one Chromium page held {held} concurrent SDK sessions (low quality); {why}, {budget.Elapsed.TotalSeconds:0} s";
    }

    private static Task<int[]> FramesAsync(SdkPage page, int count) =>
        page.Page.EvaluateAsync<int[]>("c => Array.from({length: c}, (_, k) => kitSession('s' + k).stats().totalVideoFrames)", count);

    private static async Task<string> CreateTokenAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/v1/streaming.create_token");
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["token"]!.GetValue<string>();
    }
}
