using System.Text.Json.Nodes;

namespace HeyGenEmulator.Errors;

/// <summary>Which API's error body an error is written as.</summary>
public enum ErrorShape
{
    /// <summary>HeyGen's <c>{"code":…,"message":…}</c>.</summary>
    HeyGen,

    /// <summary>LiveAvatar's envelope with no data: <c>{"code":…,"data":null,"message":…}</c> (liveavatar-wire.md §1).</summary>
    LiveAvatar,
}

/// <summary>
/// One HeyGen (or LiveAvatar) error: the HTTP status and the JSON body the real API answers with.
/// Every failure in the emulator is one of these, so the wire shape is decided in one place.
/// </summary>
public sealed record HeyGenError(int Status, int Code, string Message, IReadOnlyDictionary<string, object?>? Extra = null)
{
    public ErrorShape Shape { get; init; }

    public JsonObject ToBody()
    {
        var body = Shape == ErrorShape.LiveAvatar
            ? new JsonObject { ["code"] = Code, ["data"] = null, ["message"] = Message }
            : new JsonObject { ["code"] = Code, ["message"] = Message };
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
