using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGen.Client;

/// <summary>One raw HTTP exchange: the status and the exact body text, for callers that assert on the wire.</summary>
public sealed record ApiResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body parsed as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            try { return Body.Length == 0 ? null : JsonNode.Parse(Body); }
            catch (JsonException) { return null; }
        }
    }

    /// <summary><c>data</c> of a success envelope: what the official SDK reads and nothing else.</summary>
    public JsonNode? Data => Json?["data"];
}
