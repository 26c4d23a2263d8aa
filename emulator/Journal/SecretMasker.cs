using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Journal;

/// <summary>Masks secret-bearing JSON fields before a body is journaled.</summary>
public static class SecretMasker
{
    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "access_token", "livekit_agent_token", "api_key", "session_token", "credential", "ice-pwd",
    };

    /// <summary>Parses a body for the journal: JSON is masked, anything else is kept as (truncated) text.</summary>
    public static JsonNode? ForJournal(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var node = JsonNode.Parse(body.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
            Mask(node);
            return node;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.Length > 2048 ? body[..2048] : body);
            return JsonValue.Create(body.Length > 2048 ? text + $"… ({body.Length} bytes)" : text);
        }
    }

    private static void Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (SecretFields.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var secret))
                        obj[key] = Masking.Mask(secret);
                    else
                        Mask(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Mask(item);
                break;
        }
    }
}
