using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGen.Client.LiveAvatar;

/// <summary>
/// Mirrors the web SDK's <c>SessionApiError</c>: the message LiveAvatar sent (or "API request failed with status N"),
/// its <c>code</c> and the HTTP status; the whole body is in <see cref="ResponseText"/>.
/// </summary>
public sealed class LiveAvatarApiException(int status, string responseText) : Exception(MessageOf(status, responseText))
{
    public int Status { get; } = status;
    public string ResponseText { get; } = responseText;

    /// <summary>The envelope's <c>code</c> (4000, 4003, …), or null when the body has none.</summary>
    public int? Code => Parse(ResponseText)?["code"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;

    private static string MessageOf(int status, string body) =>
        Parse(body)?["message"] is JsonValue v && v.TryGetValue<string>(out var message) && message.Length > 0 ? message : $"API request failed with status {status}";

    private static JsonNode? Parse(string body)
    {
        try { return body.Length == 0 ? null : JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
