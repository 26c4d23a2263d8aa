using System.Text.Json.Nodes;

namespace HeyGenEmulator.Errors;

/// <summary>
/// One HeyGen error: the HTTP status and the JSON body the real API answers with.
/// Every failure in the emulator is one of these, so the wire shape is decided in one place.
/// </summary>
public sealed record HeyGenError(int Status, int Code, string Message, IReadOnlyDictionary<string, object?>? Extra = null)
{
    public JsonObject ToBody()
    {
        var body = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Extra is not null)
            foreach (var (key, value) in Extra)
                body[key] = value is null ? null : JsonValue.Create(value);
        return body;
    }

    public HeyGenException ToException() => new(this);
}

/// <summary>Thrown anywhere below an endpoint; the API middleware turns it into the error body.</summary>
public sealed class HeyGenException(HeyGenError error) : Exception(error.Message)
{
    public HeyGenError Error { get; } = error;
}
