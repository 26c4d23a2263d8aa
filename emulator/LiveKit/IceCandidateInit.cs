using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Api;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The JSON of an RTCIceCandidateInit (<c>{"candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"…"}</c>):
/// what LiveKit's TrickleRequest.candidateInit carries and what v1's streaming.ice posts as <c>candidate</c>.
/// </summary>
public static class IceCandidateInit
{
    /// <summary>
    /// Null (and a reason) when the text is not a valid candidate object; parsed by the same rules as v1's
    /// streaming.ice (<see cref="Requests.Candidate"/>). An empty candidate string is valid (end of candidates).
    /// </summary>
    public static IceCandidateWire? Parse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json)) { error = "empty"; return null; }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) { error = "not a JSON object"; return null; }
            return Requests.Candidate(new JsonFields(document.RootElement.Clone(), "candidate"));
        }
        catch (JsonException e)
        {
            error = "invalid JSON: " + e.Message;
            return null;
        }
        catch (HeyGenException e)
        {
            error = e.Error.Message;
            return null;
        }
    }

    public static string ToJson(IceCandidateWire c)
    {
        var o = new JsonObject { ["candidate"] = c.Candidate, ["sdpMid"] = c.SdpMid, ["sdpMLineIndex"] = c.SdpMLineIndex };
        if (c.UsernameFragment is not null) o["usernameFragment"] = c.UsernameFragment;
        return o.ToJsonString();
    }
}
