using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>
/// W3C's RTCIceCandidateInit (<c>{"candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"…"}</c>):
/// what v1's streaming.ice posts as <c>candidate</c> and what LiveKit's trickle carries as JSON. An empty
/// <see cref="Candidate"/> is end-of-candidates.
/// </summary>
public sealed record IceCandidateInit(
    [property: JsonPropertyName("candidate")] string Candidate,
    [property: JsonPropertyName("sdpMid")] string? SdpMid,
    [property: JsonPropertyName("sdpMLineIndex")] int? SdpMLineIndex,
    [property: JsonPropertyName("usernameFragment")] string? UsernameFragment)
{
    public const int MaxMLineIndex = 64;

    public bool IsEndOfCandidates => string.IsNullOrWhiteSpace(Candidate);

    /// <summary>
    /// Reads one candidate object by the rules both v1 and LiveKit apply: <c>candidate</c> required (a string that starts
    /// with <c>candidate:</c>, or empty), the other fields optional and typed; JSON null counts as absent. A problem
    /// names the field under <paramref name="path"/>, so callers can answer with it as they need to.
    /// </summary>
    public static IceCandidateInit? Read(JsonElement value, string path, out CandidateProblem? problem)
    {
        problem = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = new CandidateProblem(false, $"{path} must be an object, not {Describe(value.ValueKind)}");
            return null;
        }
        string? text = null;
        if (!Field(value, "candidate", out var c)) problem = new CandidateProblem(true, $"{path}.candidate");
        else if (c.ValueKind != JsonValueKind.String) problem = WrongType(path, "candidate", "a string", c);
        else if ((text = c.GetString()!).Length > 0 && !text.StartsWith("candidate:", StringComparison.Ordinal))
            problem = new CandidateProblem(false, $"{path}.candidate must start with 'candidate:' (or be empty for end-of-candidates)");
        else if (Field(value, "sdpMid", out var m) && m.ValueKind != JsonValueKind.String) problem = WrongType(path, "sdpMid", "a string", m);
        else if (Field(value, "sdpMLineIndex", out var i) && (i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out _)))
            problem = WrongType(path, "sdpMLineIndex", "an integer", i);
        else if (Field(value, "sdpMLineIndex", out i) && i.GetInt32() is < 0 or > MaxMLineIndex)
            problem = new CandidateProblem(false, $"{path}.sdpMLineIndex must be between 0 and {MaxMLineIndex} (got {i.GetInt32()})");
        else if (Field(value, "usernameFragment", out var u) && u.ValueKind != JsonValueKind.String)
            problem = WrongType(path, "usernameFragment", "a string", u);
        if (problem is not null) return null;

        var mid = Field(value, "sdpMid", out var midValue) ? midValue.GetString() : null;
        int? index = Field(value, "sdpMLineIndex", out var indexValue) ? indexValue.GetInt32() : null;
        var ufrag = Field(value, "usernameFragment", out var ufragValue) ? ufragValue.GetString() : null;
        return new IceCandidateInit(text!, mid, index, ufrag);
    }

    private static bool Field(JsonElement o, string name, out JsonElement value) =>
        o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static CandidateProblem WrongType(string path, string name, string expected, JsonElement actual) =>
        new(false, $"{path}.{name} must be {expected}, not {Describe(actual.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}

/// <summary>Why a candidate object was refused: a missing field (<see cref="Detail"/> is its path) or a bad one.</summary>
public sealed record CandidateProblem(bool Missing, string Detail);
