using Microsoft.Extensions.DependencyInjection;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Tests;

/// <summary>
/// ffmpeg and espeak-ng come from Emulator:Media:FfmpegPath / EspeakPath or PATH; a missing one stops startup with the
/// fix, unless the default avatar's clips are bundled (then it is described and startup goes on).
/// </summary>
public sealed class MediaToolsStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("heygen-tools-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FakeTool(string name, bool executable = true)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Unset_paths_are_found_on_PATH()
    {
        string ffmpeg = FakeTool("ffmpeg"), espeak = FakeTool("espeak-ng");
        var tools = new MediaSettings().ResolveTools($"/nonexistent-dir:{_folder}");
        Assert.Equal((ffmpeg, espeak), (tools.FfmpegPath, tools.EspeakPath));
    }

    [Fact]
    public void A_file_on_PATH_that_is_not_executable_is_skipped()
    {
        FakeTool("ffmpeg", executable: false);
        FakeTool("espeak-ng");
        var error = Assert.Throws<MediaToolMissingException>(() => new MediaSettings().ResolveTools(_folder));
        Assert.StartsWith("ffmpeg not found on PATH", error.Message);
    }

    [Fact]
    public void Configured_paths_win_over_PATH()
    {
        string ffmpeg = FakeTool("my-ffmpeg"), espeak = FakeTool("my-espeak");
        var tools = new MediaSettings { FfmpegPath = ffmpeg, EspeakPath = espeak }.ResolveTools("/usr/bin");
        Assert.Equal((ffmpeg, espeak), (tools.FfmpegPath, tools.EspeakPath));
    }

    [Fact]
    public void An_empty_PATH_names_both_tools_and_the_fixes()
    {
        var error = Assert.Throws<MediaToolMissingException>(() => new MediaSettings().ResolveTools(""));
        Assert.Equal(
            "ffmpeg not found on PATH (set Emulator__Media__FfmpegPath=/path/to/ffmpeg). " +
            "espeak-ng not found on PATH (set Emulator__Media__EspeakPath=/path/to/espeak-ng). " +
            "Install them (apt-get install -y ffmpeg espeak-ng), point the settings at them, or run without media: Emulator__Media__Enabled=false.",
            error.Message);
    }

    [Fact]
    public void A_bogus_configured_path_is_not_replaced_by_PATH()
    {
        FakeTool("ffmpeg");
        FakeTool("espeak-ng");
        var error = Assert.Throws<MediaToolMissingException>(() =>
            new MediaSettings { FfmpegPath = "/nonexistent/ffmpeg" }.ResolveTools(_folder));
        Assert.StartsWith("ffmpeg not found at /nonexistent/ffmpeg (Emulator__Media__FfmpegPath).", error.Message);
        Assert.DoesNotContain("espeak-ng not found", error.Message);
    }

    [Fact]
    public void The_emulator_does_not_start_without_its_media_tools()
    {
        var error = Assert.Throws<MediaToolMissingException>(() =>
            EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Emulator:Media:UdpPort=0", "--Emulator:Media:EspeakPath=/nonexistent/espeak-ng"]));
        Assert.Contains("espeak-ng not found at /nonexistent/espeak-ng (Emulator__Media__EspeakPath).", error.Message);
        Assert.Contains("apt-get install -y ffmpeg espeak-ng", error.Message);
        Assert.Contains("Emulator__Media__Enabled=false", error.Message);
    }

    [Fact]
    public void With_bundled_clips_missing_tools_are_described_not_fatal()
    {
        File.WriteAllText(Path.Combine(_folder, "manifest.json"), """{"version":1,"clips":[]}""");
        var tools = new MediaSettings { BundledClipsDir = _folder }.ResolveTools("/nonexistent-dir", bundledClips: true);
        Assert.False(tools.HasFfmpeg);
        Assert.Equal("ffmpeg not found on PATH (set Emulator__Media__FfmpegPath=/path/to/ffmpeg).", tools.FfmpegMissing);
        Assert.Equal("espeak-ng not found on PATH (set Emulator__Media__EspeakPath=/path/to/espeak-ng).", tools.EspeakMissing);
    }

    [Fact]
    public async Task The_emulator_starts_without_ffmpeg_when_the_default_avatar_clips_are_bundled()
    {
        File.WriteAllText(Path.Combine(_folder, "manifest.json"), """{"version":1,"clips":[]}""");
        await using var app = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Emulator:Media:UdpPort=0", $"--Emulator:Media:BundledClipsDir={_folder}",
            "--Emulator:Media:FfmpegPath=/nonexistent/ffmpeg", "--Emulator:Media:PrepareAtStartup=false", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        Assert.Equal("ffmpeg not found at /nonexistent/ffmpeg (Emulator__Media__FfmpegPath).",
            app.Services.GetRequiredService<HeyGenEmulator.Media.MediaTools>().FfmpegMissing);
        await app.StopAsync();
    }

    [Fact]
    public async Task Without_media_the_tools_are_not_needed()
    {
        await using var app = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Emulator:Media:Enabled=false",
            "--Emulator:Media:FfmpegPath=/nonexistent/ffmpeg", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        await app.StopAsync();
    }
}
