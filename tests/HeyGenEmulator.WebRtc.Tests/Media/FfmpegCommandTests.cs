using System.Diagnostics;
using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>FFMpegCore hands ffmpeg one command-line string: paths must survive it, and the configured binary must be the one run.</summary>
[Collection(MediaCollection.Name)]
public class FfmpegCommandTests(MediaFixture fixture)
{
    [Theory]
    [InlineData("plain")]
    [InlineData("two words")]
    [InlineData("quote\"inside")]
    [InlineData(@"back\slash")]
    [InlineData(@"trailing\")]
    [InlineData(@"slashes\\\""then")]
    [InlineData("'single' and $(dollar)")]
    public void QuotedTextIsParsedBackToTheSameArgument(string value)
    {
        // .NET splits ProcessStartInfo.Arguments back into argv; printf shows what arrived.
        var psi = new ProcessStartInfo("/usr/bin/printf", "%s " + FfmpegText.Quote(value)) { RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(value, output);
    }

    [Fact]
    public async Task AConfiguredBinaryWithAnotherNameIsTheOneRun()
    {
        string folder = Directory.CreateTempSubdirectory("heygen-ffmpeg-name-").FullName;
        try
        {
            string log = Path.Combine(folder, "ran");
            string wrapper = Path.Combine(folder, "ffmpeg-7");
            File.WriteAllText(wrapper, $"#!/bin/sh\necho ran >> '{log}'\nexec '{fixture.Tools.FfmpegPath}' \"$@\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var tts = new SpeechSynthesizer(new MediaTools(wrapper, "/nonexistent/espeak-ng"));
            var speech = await tts.SynthesizeAsync("one two");
            Assert.True(speech.IsFallbackTone);
            Assert.Contains("ran", File.ReadAllText(log));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ACacheDirectoryWithQuotesAndSpacesStillEncodes()
    {
        string cache = Path.Combine(fixture.CacheDirectory, "we\"ird dir 'x'");
        var prepared = await new AvatarClipPreparer(cache, fixture.Tools).PrepareAsync(
            new AvatarClipRequest("Quote", AvatarQuality.Low, VideoCodec.H264) { IdleSeconds = 0.4, TalkingSeconds = 0.4 });
        Assert.Equal(10, AnnexBReader.ReadAccessUnits(prepared.IdlePath).Count);
    }

    [Fact]
    public async Task CancellingAnEncodeStopsFfmpegPromptly()
    {
        var tools = MediaFixture.NewTools();
        var preparer = new AvatarClipPreparer(Path.Combine(fixture.CacheDirectory, "cancel"), tools);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        // 10 minutes of 720p: far longer than the test, so only cancellation ends it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => preparer.PrepareAsync(
            new AvatarClipRequest("Long", AvatarQuality.High, VideoCodec.Vp8) { IdleSeconds = 600, TalkingSeconds = 1 }, cancellationToken: cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Equal(1, tools.ProcessesStarted);
    }
}
