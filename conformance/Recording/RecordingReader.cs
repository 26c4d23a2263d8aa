using System.Text.Json;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>A recording that cannot be read: the file, the line and what is wrong, for one clear message.</summary>
public sealed class RecordingFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads recordings back (<c>heygen-kit parity --from</c>): every line must be a <see cref="RecordingLine"/>.</summary>
public static class RecordingReader
{
    public static IEnumerable<RecordingLine> Read(string path)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RecordingFormatException($"cannot read the recording {path}: {e.Message}", e);
        }
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            RecordingLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<RecordingLine>(line, RecordingFile.Json);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw new RecordingFormatException($"{path}:{number}: not a recording line ({e.Message})", e);
            }
            yield return parsed ?? throw new RecordingFormatException($"{path}:{number}: not a recording line (null)");
        }
    }
}
