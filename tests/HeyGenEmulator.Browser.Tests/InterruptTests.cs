using System.Diagnostics;
using HeyGen.Client;
using Xunit.Abstractions;

namespace HeyGenEmulator.Browser.Tests;

/// <summary>streaming.interrupt with real audio: the avatar falls silent at once, not when the sentence would have ended.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InterruptTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Interrupt_silences_a_long_sentence_at_once_and_a_queued_task_never_plays()
    {
        var page = await fixture.NewPageAsync(fixture.DemoPageHtml(), output.WriteLine);
        await page.ClickAsync("#startBtn");
        await Poll.UntilAsync(() => Stats.OfDemoPageAsync(page), s => s?.Video?.FramesDecoded > 10, "frames", TimeSpan.FromSeconds(20));
        var sessionId = await page.EvaluateAsync<string>("() => sessionInfo.session_id");

        using var api = new HeyGenClient(new Uri(fixture.BaseUrl + "/"), BrowserFixture.ApiKey);
        var first = await api.SpeakAsync(sessionId, string.Join(' ', Enumerable.Repeat("This sentence goes on and on.", 6)), "repeat");
        var second = await api.SpeakAsync(sessionId, "And this one was queued behind it.", "repeat");
        Assert.True(first.DurationMs > 6000, $"first task lasts {first.DurationMs} ms");

        // Let it talk for a moment, then interrupt.
        await Poll.UntilAsync(() => Stats.OfDemoPageAsync(page), s => s?.Audio?.AudioLevel > 0.01, "speech audible", TimeSpan.FromSeconds(5));
        await api.InterruptAsync(sessionId);
        var interruptedAt = Stopwatch.StartNew();

        // Within a second the level is back to silence, and the energy stops growing for the rest of both tasks.
        await Poll.UntilAsync(() => Stats.OfDemoPageAsync(page), s => s?.Audio?.AudioLevel < 0.001, "silence after interrupt", TimeSpan.FromSeconds(2));
        output.WriteLine($"silent {interruptedAt.ElapsedMilliseconds} ms after interrupt");
        await Task.Delay(500);
        var settled = await Stats.OfDemoPageAsync(page);
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(first.DurationMs + second.DurationMs, 4000)));
        var later = await Stats.OfDemoPageAsync(page);
        double gained = later!.Audio!.TotalAudioEnergy - settled!.Audio!.TotalAudioEnergy;
        output.WriteLine($"energy gained after the interrupt settled: {gained:0.######}");
        Assert.True(gained < 0.001, $"audio kept playing after interrupt: +{gained}");
        Assert.True(later.Video!.FramesDecoded > settled.Video!.FramesDecoded, "video stopped too");

        await page.ClickAsync("#closeBtn");
    }
}
