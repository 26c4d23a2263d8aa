using System.Text;
using System.Text.Json;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>
/// The recording of this process's scenario runs, when <c>HEYGEN_RECORD</c> names a file (<c>heygen-kit run --record</c>,
/// on by default against the live target): one <see cref="RecordingLine"/> a line, appended (file opened and closed per
/// line) as it happens, so an interrupted run keeps what it did and runs against several targets can share a file.
/// </summary>
public sealed class RecordingFile
{
    public const string Variable = "HEYGEN_RECORD";

    /// <summary>Credentials shorter than this are masked by header name only: replacing them in free text would hit ordinary words.</summary>
    private const int ScrubbedLength = 8;

    private static readonly Lazy<RecordingFile?> FromEnvironment = new(() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new RecordingFile(path) : null);

    internal static readonly JsonSerializerOptions Json = new()
    {
        // Lines are read back by `heygen-kit parity`: a line missing a field is an error there, not a null.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowOutOfOrderMetadataProperties = true,
        // Readable as the emulator's own JSON is (Envelope.Json): "…" and quotes as written. Secrets are scrubbed in both spellings.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly Lock _gate = new();

    private RecordingFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { } directory) Directory.CreateDirectory(directory);
        // Opened once now so a path that cannot be written fails before any scenario runs.
        using var _ = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    /// <summary>The recording of this run, or null when recording is off. Opening it fails (IOException, …) on a path that cannot be written.</summary>
    public static RecordingFile? Current => FromEnvironment.Value;

    public string Path { get; }

    /// <summary>Appends a line with every credential in <paramref name="secrets"/> masked wherever it appears, escaped or not.</summary>
    public void Append(RecordingLine line, IEnumerable<string> secrets)
    {
        var text = Scrub(JsonSerializer.Serialize(line, Json), secrets);
        lock (_gate) File.AppendAllText(Path, text + "\n", Utf8);
    }

    /// <summary>
    /// Bodies and headers are masked by field and header name already; this catches a credential anywhere else (an error
    /// message quoting it, a query parameter of another name), as written raw or JSON-escaped.
    /// </summary>
    private static string Scrub(string line, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= ScrubbedLength).Distinct(StringComparer.Ordinal))
        {
            var masked = JsonEncodedText.Encode(Masking.Mask(secret), Json.Encoder).Value;
            line = line.Replace(secret, masked, StringComparison.Ordinal).Replace(JsonEncodedText.Encode(secret).Value, masked, StringComparison.Ordinal);
        }
        return line;
    }
}
