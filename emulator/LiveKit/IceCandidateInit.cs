using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Api;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The JSON of an RTCIceCandidateInit (<c>{"candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"…"}</c>):
/// what LiveKit's TrickleRequest.candidateInit carries and what v1's streaming.ice posts as <c>candidate</c>.
/// </summary>
public static class IceCandidateInit
{
    /// <summary>Null (and a reason) when the text is not such an object; an empty candidate string is valid (end of candidates).</summary>
    public static IceCandidateWire? Parse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json)) { error = "empty"; return null; }
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o) { error = "not a JSON object"; return null; }
            return FromNode(o, out error);
        }
        catch (JsonException e)
        {
            error = "invalid JSON: " + e.Message;
            return null;
        }
    }

    public static IceCandidateWire? FromNode(JsonObject o, out string? error)
    {
        error = null;
        try
        {
            var candidate = o["candidate"]?.GetValue<string>() ?? "";
            var mid = o["sdpMid"] is JsonValue m ? m.GetValue<string>() : null;
            var index = o["sdpMLineIndex"] is JsonValue i ? i.GetValue<int>() : (int?)null;
            var ufrag = o["usernameFragment"] is JsonValue u ? u.GetValue<string>() : null;
            return new IceCandidateWire(candidate, mid, index, ufrag);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            error = "wrong field type: " + e.Message;
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
