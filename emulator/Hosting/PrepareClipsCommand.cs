using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Hosting;

/// <summary>
/// <c>heygen-emulator prepare-clips &lt;folder&gt; [--Key=Value …]</c>: encodes the default avatar's clips (through the
/// clip cache) into a bundle with a SHA-256 manifest. The package build and the container build run it, so that what
/// they ship streams at once on a machine that has never run ffmpeg. Settings are the emulator's own.
/// </summary>
public static class PrepareClipsCommand
{
    public const string Name = "prepare-clips";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync($"usage: heygen-emulator {Name} <folder> [--Emulator:Media:CacheDir=…]");
            return 2;
        }
        await using var app = EmulatorApp.Build([.. args[2..], "--Emulator:Media:PrepareAtStartup=false"]);
        var library = app.Services.GetRequiredService<AvatarMediaLibrary>();
        var avatar = app.Services.GetRequiredService<AvatarCatalogue>().Resolve(null);
        var clips = await library.BundleDefaultAvatarAsync(avatar, args[1]);
        foreach (var clip in clips)
            Console.WriteLine($"{clip.Name} {clip.Quality} {clip.Codec}: {clip.Bytes:N0} bytes ({clip.Key})");
        Console.WriteLine($"{clips.Count} clips, {clips.Sum(c => c.Bytes):N0} bytes, in {Path.GetFullPath(args[1])}");
        return 0;
    }
}
