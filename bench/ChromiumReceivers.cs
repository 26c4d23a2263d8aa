using System.Text.Json;
using Microsoft.Playwright;

namespace HeyGenEmulator.Bench;

/// <summary>
/// Headless Chromium as the receiving end of some sessions: several RTCPeerConnections per page, each opened by the
/// v1 flow (create_token → streaming.new → answer → streaming.start) with a muted video element as sink so frames
/// are decoded. Start → first decoded frame is taken in the page (requestVideoFrameCallback, else getStats polling).
/// </summary>
public sealed class ChromiumReceivers : IAsyncDisposable
{
    public const int SessionsPerPage = 5;

    private const string StartScript = """
        async ({ base, key, encoding, quality }) => {
          const token = (await (await fetch(base + '/v1/streaming.create_token', { method: 'POST', headers: { 'X-Api-Key': key } })).json()).data.token;
          const h = { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token };
          const created = await fetch(base + '/v1/streaming.new', { method: 'POST', headers: h,
            body: JSON.stringify({ quality, video_encoding: encoding, voice: {} }) });
          if (!created.ok) throw new Error('streaming.new ' + created.status + ' ' + await created.text());
          const info = (await created.json()).data;
          const pc = new RTCPeerConnection({ iceServers: [] });
          const s = { pc, id: info.session_id, startAt: 0, firstFrameAt: 0 };
          window.benchSessions = window.benchSessions || [];
          window.benchSessions.push(s);
          const mark = () => { if (!s.firstFrameAt) s.firstFrameAt = performance.now(); };
          pc.ontrack = e => {
            if (e.track.kind !== 'video') return;
            const v = document.createElement('video');
            v.muted = true; v.autoplay = true; v.playsInline = true; v.width = 160; v.height = 90; v.srcObject = e.streams[0];
            if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(mark);
            document.body.appendChild(v);
          };
          pc.onicecandidate = ({ candidate }) => {
            if (candidate) fetch(base + '/v1/streaming.ice', { method: 'POST', headers: h,
              body: JSON.stringify({ session_id: info.session_id, candidate: candidate.toJSON() }) });
          };
          await pc.setRemoteDescription(info.sdp);
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          s.startAt = performance.now();
          const started = await fetch(base + '/v1/streaming.start', { method: 'POST', headers: h,
            body: JSON.stringify({ session_id: info.session_id, sdp: answer }) });
          if (!started.ok) throw new Error('streaming.start ' + started.status + ' ' + await started.text());
          const poll = setInterval(async () => {
            if (s.firstFrameAt) { clearInterval(poll); return; }
            const stats = await pc.getStats();
            stats.forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video' && r.framesDecoded > 0) mark(); });
          }, 20);
          return info.session_id;
        }
        """;

    private const string StatsScript = """
        async () => Promise.all((window.benchSessions || []).map(async s => {
          const out = { id: s.id, firstFrameMs: s.firstFrameAt ? s.firstFrameAt - s.startAt : -1, framesDecoded: 0, framesDropped: 0,
            packetsLost: 0, totalInterFrameDelay: 0, totalSquaredInterFrameDelay: 0, width: 0 };
          (await s.pc.getStats()).forEach(r => {
            if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
            out.framesDecoded = r.framesDecoded ?? 0; out.framesDropped = r.framesDropped ?? 0; out.packetsLost = r.packetsLost ?? 0;
            out.totalInterFrameDelay = r.totalInterFrameDelay ?? 0; out.totalSquaredInterFrameDelay = r.totalSquaredInterFrameDelay ?? 0;
            out.width = r.frameWidth ?? 0;
          });
          return out;
        }))
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = new();

    private ChromiumReceivers(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ChromiumReceivers> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required"],
        });
        return new ChromiumReceivers(playwright, browser);
    }

    /// <summary>A tab on <c>/_emulator/ui</c>, its update statistics zeroed once every session is drawn.</summary>
    public async Task<DashboardTab> OpenDashboardAsync(string baseUrl)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/_emulator/ui");
        await page.WaitForFunctionAsync("() => window.dashboardStats && window.dashboardStats.updates > 4");
        await page.EvaluateAsync("() => Object.assign(window.dashboardStats, { updates: 0, maxMs: 0, totalMs: 0 })");
        return new DashboardTab(page);
    }

    /// <summary>Opens <paramref name="count"/> sessions, <see cref="SessionsPerPage"/> per page (pages on the API's origin).</summary>
    public async Task StartAsync(int count, string baseUrl, string apiKey, string encoding, string quality)
    {
        for (int opened = 0; opened < count; opened += SessionsPerPage)
        {
            var page = await _browser.NewPageAsync();
            _pages.Add(page);
            await page.GotoAsync(baseUrl + "/_emulator/health");
            int here = Math.Min(SessionsPerPage, count - opened);
            await Task.WhenAll(Enumerable.Range(0, here).Select(_ =>
                page.EvaluateAsync<string>(StartScript, new { @base = baseUrl, key = apiKey, encoding, quality })));
        }
    }

    public async Task<List<ChromiumSessionStats>> StatsAsync()
    {
        var all = new List<ChromiumSessionStats>();
        foreach (var page in _pages)
        {
            var json = await page.EvaluateAsync<JsonElement>(StatsScript);
            foreach (var s in json.EnumerateArray())
                all.Add(new ChromiumSessionStats(s.GetProperty("id").GetString()!, s.GetProperty("firstFrameMs").GetDouble(),
                    s.GetProperty("framesDecoded").GetDouble(), s.GetProperty("framesDropped").GetDouble(), s.GetProperty("packetsLost").GetDouble(),
                    s.GetProperty("totalInterFrameDelay").GetDouble(), s.GetProperty("totalSquaredInterFrameDelay").GetDouble(),
                    s.GetProperty("width").GetDouble()));
        }
        return all;
    }

    public async Task ClosePagesAsync()
    {
        foreach (var page in _pages) await page.CloseAsync();
        _pages.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await ClosePagesAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}

public sealed record ChromiumSessionStats(string Id, double FirstFrameMs, double FramesDecoded, double FramesDropped, double PacketsLost,
    double TotalInterFrameDelay, double TotalSquaredInterFrameDelay, double Width);

/// <summary>The dashboard open during a bench run; its script time per update, measured by the page.</summary>
public sealed class DashboardTab(IPage page) : IAsyncDisposable
{
    public async Task<string> StatsAsync()
    {
        var s = await page.EvaluateAsync<double[]>("() => [window.dashboardStats.updates, window.dashboardStats.maxMs, window.dashboardStats.totalMs, document.querySelectorAll('article.session').length]");
        return $"{s[3]} sessions drawn, {s[0]} updates, script time max {s[1]:0.0} ms, mean {s[2] / Math.Max(1, s[0]):0.00} ms";
    }

    public ValueTask DisposeAsync() => new(page.CloseAsync());
}
