namespace HeyGenEmulator.Native.Tests;

/// <summary>LiveKit's native SDK (Rust core, as agent frameworks use it) joins a v2 session and decodes its media.</summary>
[Collection(NativeCollection.Name)]
public sealed class NativeJoinTests(NativeEmulator emulator, ITestOutputHelper output)
{
    [Theory]
    [InlineData("low", 640, 360)]
    [InlineData("medium", 854, 480)]
    public async Task Native_client_decodes_video_of_the_quality_size_and_audio(string quality, int width, int height)
    {
        var run = await NodeScript.RunAsync("join.mjs", output, TimeSpan.FromSeconds(60), emulator.BaseUrl, NativeEmulator.ApiKey, quality);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(200, (int)run.Single("start")["status"]!);
        Assert.Contains("heygen", run.Single("joined")["participants"]!.AsArray().Select(p => (string?)p));
        var video = run.Single("video");
        Assert.Equal((width, height), ((int)video["width"]!, (int)video["height"]!));
        Assert.Equal(48000, (int)run.Single("audio")["sample_rate"]!);
        Assert.Equal(200, (int)run.Single("stop")["status"]!);
    }
}
