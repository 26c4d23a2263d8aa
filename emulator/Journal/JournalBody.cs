using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HeyGenEmulator.Journal;

/// <summary>
/// A journaled body, kept as text (a parsed tree costs tens of times the body): masked JSON when it parsed and fits
/// <see cref="SecretMasker.BodyLimit"/>, otherwise the body's first bytes as a string. <see cref="OriginalBytes"/> is
/// the body's size as received; <see cref="Truncated"/> says something was cut.
/// </summary>
[JsonConverter(typeof(JournalBodyConverter))]
public sealed record JournalBody(string Text, bool IsJson, long OriginalBytes, bool Truncated)
{
    /// <summary>Roughly what the entry holds in memory (UTF-16 text plus the record), for the journal's byte budget.</summary>
    public long RetainedBytes => Text.Length * 2L + 64;

    /// <summary>The body as a JSON node, parsed on demand: the object for JSON, a string value otherwise.</summary>
    public JsonNode? Node() => IsJson ? JsonNode.Parse(Text) : JsonValue.Create(Text);
}

/// <summary>
/// Writes a <see cref="JournalBody"/> as the JSON it holds, or as a string when it is not JSON; reads one back the same
/// way (HeyGenEmulator.Testing's admin client reads the journal). Read back, the original size is the text's.
/// </summary>
public sealed class JournalBodyConverter : JsonConverter<JournalBody>
{
    public override JournalBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString() ?? "";
            return new JournalBody(text, IsJson: false, System.Text.Encoding.UTF8.GetByteCount(text), Truncated: false);
        }
        using var document = JsonDocument.ParseValue(ref reader);
        var json = document.RootElement.GetRawText();
        return new JournalBody(json, IsJson: true, System.Text.Encoding.UTF8.GetByteCount(json), Truncated: false);
    }

    public override void Write(Utf8JsonWriter writer, JournalBody value, JsonSerializerOptions options)
    {
        if (value.IsJson) writer.WriteRawValue(value.Text, skipInputValidation: true);
        else writer.WriteStringValue(value.Text);
    }
}
