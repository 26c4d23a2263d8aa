using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HeyGenEmulator.Browser.Tests;

/// <summary>Several v1 sessions in one page, opened by the raw flow with <c>video_encoding</c> chosen by the test.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MultiSessionTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private Task<string> StartAsync(Microsoft.Playwright.IPage page, string encoding, string quality = "low") =>
        page.EvaluateAsync<string>(RawFlow.Start, new { @base = fixture.BaseUrl, key = BrowserFixture.ApiKey, encoding, quality });

    [Fact]
    public async Task Vp8_and_H264_sessions_stream_at_once_and_a_stopped_or_failing_session_frees_its_state_without_disturbing_the_other()
    {
        var engine = fixture.Engine;
        Assert.Equal(0, engine.ActivePeers);
        var page = await fixture.NewPageAsync("<!doctype html><title>sessions</title>", output.WriteLine);

        var ids = await Task.WhenAll(StartAsync(page, "VP8"), StartAsync(page, "H264"));
        var (vp8, h264) = (ids[0], ids[1]);
        try
        {
            var vp8Stats = await Poll.UntilAsync(() => Stats.OfSessionAsync(page, vp8), s => s?.Video?.FramesDecoded >= 25, "VP8 frames", TimeSpan.FromSeconds(15));
            var h264Stats = await Poll.UntilAsync(() => Stats.OfSessionAsync(page, h264), s => s?.Video?.FramesDecoded >= 25, "H264 frames", TimeSpan.FromSeconds(15));
            output.WriteLine($"VP8: {vp8Stats}\nH264: {h264Stats}");
            Assert.Equal("video/VP8", vp8Stats!.Video!.Codec);
            Assert.Equal("video/H264", h264Stats!.Video!.Codec);
            foreach (var s in new[] { vp8Stats, h264Stats })
            {
                Assert.Equal((640, 360), ((int)s.Video!.Width, (int)s.Video.Height));
                Assert.True(s.Audio?.PacketsReceived > 0, $"audio: {s.Audio}");
            }
            Assert.Equal(2, engine.StreamingPeers);
            Assert.Equal(2, engine.MuxEndpoints);
            Assert.True(engine.BoundAddresses >= 2, $"bound addresses: {engine.BoundAddresses}");

            // Garbage on the shared port and a session whose answer names the wrong certificate: both are contained.
            using (var udp = new UdpClient(AddressFamily.InterNetwork))
            {
                var target = new IPEndPoint(IPAddress.Loopback, engine.Port);
                var random = new Random(7);
                for (int i = 0; i < 200; i++)
                {
                    var junk = new byte[random.Next(1, 1400)];
                    random.NextBytes(junk);
                    udp.Send(junk, junk.Length, target);
                }
            }
            var wrongFingerprint = await page.EvaluateAsync<string>(RawFlow.Start.Replace(
                "body: JSON.stringify({ session_id: info.session_id, sdp: answer })",
                "body: JSON.stringify({ session_id: info.session_id, sdp: { type: 'answer', sdp: answer.sdp.replace(/a=fingerprint:sha-256 [0-9A-F:]+/g, 'a=fingerprint:sha-256 ' + Array(32).fill('AB').join(':')) } })"),
                new { @base = fixture.BaseUrl, key = BrowserFixture.ApiKey, encoding = "VP8", quality = "low" });
            var failed = fixture.App.Services.GetRequiredService<HeyGenEmulator.Streaming.WebRtcSessionMedia>().PeerOf(wrongFingerprint);
            Assert.NotNull(failed);
            var reason = await failed!.Ended.WaitAsync(TimeSpan.FromSeconds(10));
            output.WriteLine($"wrong-fingerprint peer ended: {reason}");
            Assert.Contains("DTLS", reason);
            Assert.Equal(2, engine.StreamingPeers);
            Assert.Equal(2, engine.MuxEndpoints);

            // Stop the VP8 session while it streams: its peer and UDP state go, H264 keeps decoding.
            var before = await Stats.OfSessionAsync(page, h264);
            Assert.Equal(200, await page.EvaluateAsync<int>(RawFlow.Stop, new { @base = fixture.BaseUrl, key = BrowserFixture.ApiKey, id = vp8 }));
            await Poll.UntilAsync(() => Task.FromResult((engine.ActivePeers, engine.MuxEndpoints, engine.StreamingPeers)),
                c => c == (1, 1, 1), "one peer left", TimeSpan.FromSeconds(5));
            Assert.True(engine.BoundAddresses >= 1);
            // Packets, not decoded frames: a loaded machine may still be decoding what arrived before the stop. A streaming
            // 360p session brings ~50 packets a second; a few may be counted late (Chromium caches its stats briefly).
            var vp8Frozen = (await Stats.OfSessionAsync(page, vp8))!.Video!.PacketsReceived;
            await Task.Delay(1000);
            var after = await Stats.OfSessionAsync(page, h264);
            var vp8After = (await Stats.OfSessionAsync(page, vp8))!.Video!.PacketsReceived;
            output.WriteLine($"H264 frames {before!.Video!.FramesDecoded} → {after!.Video!.FramesDecoded}; stopped VP8 packets {vp8Frozen} → {vp8After}");
            Assert.True(after.Video.FramesDecoded - before.Video.FramesDecoded >= 20, "H264 kept streaming");
            Assert.True(vp8After - vp8Frozen <= 10, $"stopped session still receives video: {vp8After - vp8Frozen} packets in 1 s");
            Assert.Equal(0, after.Video.PacketsLost);

            Assert.Equal(200, await page.EvaluateAsync<int>(RawFlow.Stop, new { @base = fixture.BaseUrl, key = BrowserFixture.ApiKey, id = h264 }));
            await Poll.UntilAsync(() => Task.FromResult((engine.ActivePeers, engine.MuxEndpoints, engine.BoundAddresses, engine.StreamingPeers)),
                c => c == (0, 0, 0, 0), "engine counters at zero", TimeSpan.FromSeconds(5));
        }
        finally
        {
            // A failure above must not leave sessions streaming into the next test's engine counters.
            foreach (var id in ids)
                try { await page.EvaluateAsync<int>(RawFlow.Stop, new { @base = fixture.BaseUrl, key = BrowserFixture.ApiKey, id }); }
                catch (Microsoft.Playwright.PlaywrightException) { }
            await page.CloseAsync();
        }
    }
}