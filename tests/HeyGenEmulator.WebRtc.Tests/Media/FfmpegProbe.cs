using HeyGenEmulator.Media;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>Decodes media with ffmpeg to raw bytes, to check what we produce really decodes.</summary>
internal static class FfmpegProbe
{
    public static async Task<byte[]> DecodeAsync(string input, params string[] outputArgs)
    {
        string output = Path.Combine(Path.GetTempPath(), $"heygen-probe-{Guid.NewGuid():N}.raw");
        try
        {
            var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input };
            args.AddRange(outputArgs);
            args.Add(output);
            var tools = MediaFixture.NewTools();
            var r = await tools.RunAsync(tools.FfmpegPath, args);
            if (!r.Succeeded) throw new InvalidOperationException(r.StandardErrorTail);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>One frame as a 64x36 grey thumbnail.</summary>
    public static Task<byte[]> ThumbnailAsync(string input, int frameIndex) =>
        DecodeAsync(input, "-vf", $"select=eq(n\\,{frameIndex}),scale=64:36", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray");
}
