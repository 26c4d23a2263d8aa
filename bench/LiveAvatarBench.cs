using System.Diagnostics;
using System.Globalization;
using HeyGen.JsSdk;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Bench;

/// <summary>
/// <c>bench liveavatar [--sessions 30] [--seconds 180]</c>: the official LiveAvatar web SDK 0.0.18 against an in-process
/// emulator: <c>start()</c> → <c>session.stream_ready</c> for FULL sessions (median of 3), and how many concurrent
/// FULL sessions one Chromium page holds. Printed, and appended to <c>liveavatar-figures.txt</c> under the temp
/// directory's <c>heygen-emulator-bench/</c> (never the source tree).
/// </summary>
public static class LiveAvatarBench
{
    private const string ApiKey = "liveavatar-key";

    private static readonly object FullBody = new
    {
        mode = "FULL",
        avatar_id = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a",
        avatar_persona = new { language = "en" },
        video_settings = new { quality = "low" },
    };

    public static async Task RunAsync(int sessionCap, TimeSpan timeBudget)
    {
        await using var emulator = await EmulatorHost.StartAsync(o => o.Settings["Emulator:LiveAvatar:ConcurrentSessions"] = "500");
        await using var browser = await SdkBrowser.LaunchAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var figures = Path.Combine(Path.GetTempPath(), "heygen-emulator-bench", "liveavatar-figures.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(figures)!);
        void Report(string line)
        {
            Console.WriteLine(line);
            File.AppendAllText(figures, $"{DateTimeOffset.Now:u} {line}\n");
        }

        Task<(string Token, string SessionId)> Token() => LiveAvatarPage.CreateTokenAsync(http, emulator.Url, ApiKey, FullBody);
        Report(await StartToReadyAsync(browser, emulator.Url, Token));
        Report(await ConcurrentSessionsAsync(browser, emulator.Url, Token, sessionCap, timeBudget));
        Console.WriteLine($"(appended to {figures})");
    }

    /// <summary>From <c>start()</c> being called (POST /v1/sessions/start, LiveKit join, participant wait) to <c>session.stream_ready</c>.</summary>
    private static async Task<string> StartToReadyAsync(SdkBrowser browser, string url, Func<Task<(string Token, string SessionId)>> token)
    {
        var samples = new List<(double Ready, double StartCall, double Settled)>();
        for (var i = 0; i < 3; i++)
        {
            await using var page = await browser.OpenLiveAvatarAsync();
            (await page.StartAsync((await token()).Token, url)).EnsureOk("start");
            var ready = await page.WaitForEventAsync("session.stream_ready", TimeSpan.FromSeconds(15));
            var marks = await page.MarksAsync();
            var called = marks.GetProperty("startCalled").GetDouble();
            var rest = (await page.Page.EvaluateAsync<double[]>(
                "() => la.requests.filter(r => r.url.endsWith('/v1/sessions/start')).map(r => r.tEnd - r.t)")).Single();
            samples.Add((ready.T - called, rest, marks.GetProperty("startSettled").GetDouble() - called));
            (await page.StopAsync()).EnsureOk("stop");
        }
        var median = samples.OrderBy(s => s.Ready).ElementAt(1);
        return $"LiveAvatar SDK 0.0.18 (FULL, low): start() → session.stream_ready median {median.Ready:0} ms " +
            $"(runs: {string.Join(", ", samples.Select(s => s.Ready.ToString("0", CultureInfo.InvariantCulture)))} ms; " +
            $"in the median run POST /v1/sessions/start took {median.StartCall:0} ms and start() resolved at {median.Settled:0} ms)";
    }

    /// <summary>
    /// Adds FULL sessions to one page, one at a time, each with its own token and &lt;video&gt;, until one fails to
    /// become ready within 15 s, any session's video stops advancing, or the cap or time budget is reached.
    /// </summary>
    private static async Task<string> ConcurrentSessionsAsync(SdkBrowser browser, string url, Func<Task<(string Token, string SessionId)>> token,
        int cap, TimeSpan timeBudget)
    {
        var budget = Stopwatch.StartNew();
        await using var page = await browser.OpenLiveAvatarAsync();
        var held = 0;
        string? stoppedBy = null;
        for (var i = 0; i < cap && budget.Elapsed < timeBudget; i++)
        {
            var name = $"s{i}";
            var result = await page.StartAsync((await token()).Token, url, session: name);
            if (!result.Ok) { stoppedBy = $"session {i + 1}: {result.Error}"; break; }
            try
            {
                await page.WaitForEventAsync("session.stream_ready", TimeSpan.FromSeconds(15), session: name);
            }
            catch (SdkAdapterException) { stoppedBy = $"session {i + 1}: no stream_ready in 15 s"; break; }
            var before = await FramesAsync(page, i + 1);
            await Task.Delay(1000);
            var after = await FramesAsync(page, i + 1);
            var stalled = Enumerable.Range(0, i + 1).Count(k => after[k] <= before[k]);
            if (stalled > 0) { stoppedBy = $"session {i + 1}: video stalled in {stalled} session(s)"; break; }
            held = i + 1;
        }
        for (var k = 0; k <= held && k < cap; k++)
            await page.Page.EvaluateAsync("n => laSession(n).session && laSession(n).stop()", $"s{k}");
        var why = stoppedBy is null ? $"stopped at the cap {cap} or the {timeBudget.TotalSeconds:0} s budget" : $"stopped by {stoppedBy}";
        return $"LiveAvatar SDK 0.0.18: one Chromium page held {held} concurrent FULL sessions (low quality); {why}, {budget.Elapsed.TotalSeconds:0} s";
    }

    /// <summary>Frames painted so far (requestVideoFrameCallback) in each of the first <paramref name="count"/> sessions.</summary>
    private static async Task<int[]> FramesAsync(LiveAvatarPage page, int count)
    {
        var frames = new int[count];
        for (var k = 0; k < count; k++)
            frames[k] = (await page.StatsAsync($"s{k}")).GetProperty("frames").GetInt32();
        return frames;
    }
}
