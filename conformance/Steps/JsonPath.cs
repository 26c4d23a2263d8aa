using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>Paths like <c>data.sessions[0].status</c>; names with dots go in brackets: <c>paths['/v1/streaming.new'].post</c>.</summary>
public static class JsonPath
{
    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value (objects recursively).</summary>
    public static bool Includes(JsonNode? actual, JsonNode? expected) => expected switch
    {
        JsonObject e => actual is JsonObject a && e.All(p => a.ContainsKey(p.Key) && Includes(a[p.Key], p.Value)),
        _ => JsonNode.DeepEquals(actual, expected),
    };

    public static JsonNode? Select(JsonNode? node, string path)
    {
        foreach (var segment in Segments(path))
        {
            if (segment is string name)
            {
                if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node))
                    throw new KeyNotFoundException($"The response has no field '{path}' (missing '{name}')");
            }
            else
            {
                var index = (int)segment;
                if (node is not JsonArray array || index >= array.Count) throw new KeyNotFoundException($"The response has no element '{path}'");
                node = array[index];
            }
        }
        return node;
    }

    private static IEnumerable<object> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.') { i++; continue; }
            if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0) throw new FormatException($"Unclosed '[' in path '{path}'");
                var inner = path[(i + 1)..close];
                yield return inner.StartsWith('"') || inner.StartsWith('\'') ? inner.Trim('"', '\'') : int.Parse(inner, System.Globalization.CultureInfo.InvariantCulture);
                i = close + 1;
                continue;
            }
            var end = path.IndexOfAny(['.', '['], i);
            if (end < 0) end = path.Length;
            yield return path[i..end];
            i = end;
        }
    }

    public static bool Has(JsonNode? node, string path)
    {
        try { Select(node, path); return true; }
        catch (KeyNotFoundException) { return false; }
    }

    /// <summary>Equality of JSON values regardless of formatting and key order.</summary>
    public static bool SemanticallyEqual(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));

    private static JsonNode? Normalize(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());

    public static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
