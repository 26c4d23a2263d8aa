using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Journal;

/// <summary>
/// Makes a body, a path or a log value safe and small enough to keep: secret JSON fields, token query parameters and
/// SDP <c>a=ice-pwd</c> values are masked; a body is cut at <see cref="BodyLimit"/> bytes and each JSON string at
/// <see cref="StringLimit"/> characters, with the original size noted.
/// </summary>
public static partial class SecretMasker
{
    /// <summary>The most a journaled body keeps (UTF-8 bytes of JSON, or of text when it is not JSON).</summary>
    public const int BodyLimit = 8 * 1024;

    /// <summary>The most one JSON string keeps, so one long field does not push the rest of the body out.</summary>
    public const int StringLimit = 1024;

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "livekit_agent_token", "api_key", "apikey", "x-api-key", "authorization",
        "session_token", "credential", "ice-pwd", "password", "livekit_client_token", "secret_value", "agora_token",
    };

    /// <summary>A body for the journal; <paramref name="originalBytes"/> is its full size when only a prefix was read.</summary>
    public static JournalBody? ForJournal(ReadOnlySpan<byte> body, long? originalBytes = null)
    {
        if (body.IsEmpty) return null;
        var size = Math.Max(originalBytes ?? body.Length, body.Length);
        if (size == body.Length && MaskedJson(body) is { } json)
            return json.Text.Length <= BodyLimit ? json with { OriginalBytes = size } : Cut(json.Text, size, masked: true);
        return Cut(Encoding.UTF8.GetString(body.Length > BodyLimit ? body[..BodyLimit] : body), size, masked: false);
    }

    /// <summary>Details of a signalling or chat step, journaled as JSON the same way as a body.</summary>
    public static JournalBody? ForJournal(System.Text.Json.Nodes.JsonNode details) =>
        ForJournal(JsonSerializer.SerializeToUtf8Bytes(details));

    /// <summary>Hides token query parameters but keeps the rest of the query (the version and protocol matter).</summary>
    public static string MaskQuery(string pathAndQuery) =>
        pathAndQuery.Contains('?', StringComparison.Ordinal) ? TokenParam().Replace(pathAndQuery, m => m.Groups[1].Value + "=***") : pathAndQuery;

    /// <summary>Masks every secret this class knows in free text: JSON fields, query parameters, SDP passwords.</summary>
    public static string MaskText(string text)
    {
        text = IcePwd().Replace(text, m => m.Groups[1].Value + Masking.Mask(m.Groups[2].Value));
        text = SecretJsonField().Replace(text, m => m.Groups[1].Value + Masking.Mask(m.Groups[2].Value) + "\"");
        return TokenParam().Replace(text, m => m.Groups[1].Value + "=***");
    }

    private static JournalBody Cut(string text, long size, bool masked)
    {
        var kept = text.Length > BodyLimit ? text[..BodyLimit] : text;
        return new JournalBody(masked ? kept : MaskText(kept), false, size, Encoding.UTF8.GetByteCount(kept) < size);
    }

    /// <summary>The body re-written with secrets masked and long strings shortened; null when it is not valid JSON.</summary>
    private static JournalBody? MaskedJson(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            var buffer = new ArrayBufferWriter<byte>();
            var shortened = false;
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 64 }))
                Write(document.RootElement, writer, ref shortened);
            return new JournalBody(Encoding.UTF8.GetString(buffer.WrittenSpan), true, body.Length, shortened);
        }
        // Invalid UTF-8 inside a string only shows when the string is read (InvalidOperationException).
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer, ref bool shortened)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (SecretFields.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                        writer.WriteStringValue(Masking.Mask(property.Value.GetString()));
                    else
                        Write(property.Value, writer, ref shortened);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(item, writer, ref shortened);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                if (text.Length > StringLimit)
                {
                    // Never split a surrogate pair: the writer refuses half of one.
                    var keep = char.IsHighSurrogate(text[StringLimit - 1]) ? StringLimit - 1 : StringLimit;
                    text = $"{text[..keep]}…({text.Length} chars)";
                    shortened = true;
                }
                writer.WriteStringValue(MaskText(text));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    [GeneratedRegex("(access_token|session_token|token|api_key|x-api-key)=[^&#\\s\"]*", RegexOptions.IgnoreCase)]
    private static partial Regex TokenParam();

    [GeneratedRegex("(a=ice-pwd:)([^\\s\"\\\\]+)", RegexOptions.IgnoreCase)]
    private static partial Regex IcePwd();

    [GeneratedRegex("(\"(?:token|access_token|livekit_agent_token|livekit_client_token|secret_value|agora_token|api_key|session_token|credential|password|authorization|x-api-key)\"\\s*:\\s*\")([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SecretJsonField();
}
