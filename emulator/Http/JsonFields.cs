using System.Text.Json;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Http;

/// <summary>
/// Typed, validating access to the fields of one JSON object. Unknown fields are ignored (as HeyGen does);
/// a field of the wrong type or out of range is a 400 that names it. JSON null counts as absent.
/// </summary>
public sealed class JsonFields(JsonElement element, string path)
{
    public static JsonFields Empty { get; } = new(JsonDocument.Parse("{}").RootElement.Clone(), "");

    /// <summary>The object itself, for readers of W3C types that check their own fields.</summary>
    public JsonElement Element => element;

    public bool Has(string name) => TryGet(name, out _);

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, out var value)) return required ? throw Missing(name) : null;
        if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string", value);
        return value.GetString();
    }

    /// <summary>A required string that must also be non-blank.</summary>
    public string RequiredText(string name)
    {
        var text = String(name, required: true)!;
        if (string.IsNullOrWhiteSpace(text)) throw Missing(name);
        return text;
    }

    public string? OneOf(string name, IReadOnlyList<string> allowed, bool ignoreCase = false)
    {
        var text = String(name);
        if (text is null) return null;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, comparison));
        return match ?? throw HeyGenErrors.InvalidParameter($"{Qualified(name)} must be one of: {string.Join(", ", allowed)} (got '{Shorten(text)}')").ToException();
    }

    /// <summary>One of a domain enum's wire names (<see cref="WireNames{T}"/>), or null when absent.</summary>
    public T? OneOf<T>(string name, bool ignoreCase = false) where T : struct, Enum =>
        WireNames<T>.Parse(OneOf(name, WireNames<T>.All, ignoreCase), ignoreCase);

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw WrongType(name, "an integer", value);
        if (number < min || number > max)
            throw HeyGenErrors.InvalidParameter($"{Qualified(name)} must be between {min} and {max} (got {number})").ToException();
        return number;
    }

    public double? Number(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            throw WrongType(name, "a number", value);
        if (number < min || number > max)
            throw HeyGenErrors.InvalidParameter($"{Qualified(name)} must be between {min} and {max} (got {number})").ToException();
        return number;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean", value),
        };
    }

    public JsonFields? Object(string name, bool required = false)
    {
        if (!TryGet(name, out var value)) return required ? throw Missing(name) : null;
        if (value.ValueKind != JsonValueKind.Object) throw WrongType(name, "an object", value);
        return new JsonFields(value, Qualified(name));
    }

    /// <summary>A nested object kept as-is (validated to be an object), for settings we pass through untouched.</summary>
    public System.Text.Json.Nodes.JsonObject? ObjectNode(string name)
    {
        if (Object(name) is null) return null;
        element.TryGetProperty(name, out var value);
        return System.Text.Json.Nodes.JsonObject.Create(value.Clone());
    }

    private bool TryGet(string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        value = default;
        return false;
    }

    private string Qualified(string name) => path.Length == 0 ? name : $"{path}.{name}";

    private HeyGenException Missing(string name) => HeyGenErrors.MissingParameter(Qualified(name)).ToException();

    private HeyGenException WrongType(string name, string expected, JsonElement actual) =>
        HeyGenErrors.InvalidParameter($"{Qualified(name)} must be {expected}, not {RequestBody.Describe(actual.ValueKind)}").ToException();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
