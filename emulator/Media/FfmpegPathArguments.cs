using System.Text;
using FFMpegCore;
using FFMpegCore.Arguments;

namespace HeyGenEmulator.Media;

/// <summary>
/// FFMpegCore passes ffmpeg one command-line string, and its own file arguments wrap a path in quotes without escaping
/// it, so a path holding a quote would split. These quote by the rules .NET parses that string back into argv with
/// (the Windows rules, on every OS).
/// </summary>
internal static class FfmpegText
{
    /// <summary>Global options every run starts with: errors only, never read stdin, overwrite the output.</summary>
    public const string Quiet = "-hide_banner -nostdin -loglevel error";

    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (int i = 0; i < value.Length;)
        {
            char c = value[i++];
            if (c == '\\')
            {
                int n = 1;
                while (i < value.Length && value[i] == '\\') { i++; n++; }
                // Backslashes are literal unless they precede a quote (or the closing quote we add).
                sb.Append('\\', i == value.Length || value[i] == '"' ? n * 2 : n);
            }
            else if (c == '"') sb.Append("\\\"");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}

/// <summary><c>-i PATH</c>, quoted safely. Also carries a lavfi source description (with <c>-f lavfi</c>).</summary>
internal sealed class FileInput(string path) : IInputArgument
{
    public string Text => "-i " + FfmpegText.Quote(path);
    public void Pre(FFOptions options) { }
    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void Post() { }
}

/// <summary>A filter graph with its own sources (no input file): <c>-filter_complex GRAPH</c> where an input would go.</summary>
internal sealed class FilterGraphInput(string graph) : IInputArgument
{
    public string Text => "-filter_complex " + FfmpegText.Quote(graph);
    public void Pre(FFOptions options) { }
    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void Post() { }
}

/// <summary>The output file, quoted safely; overwriting is the global <c>-y</c>.</summary>
internal sealed class FileOutput(string path) : IOutputArgument
{
    public string Text => FfmpegText.Quote(path);
    public void Pre(FFOptions options) { }
    public Task During(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public void Post() { }
}
