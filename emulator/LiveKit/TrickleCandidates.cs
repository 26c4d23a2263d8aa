using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>TrickleRequest.candidateInit: an RTCIceCandidateInit as JSON text, read by the same rules as v1's streaming.ice.</summary>
public static class TrickleCandidates
{
    /// <summary>Null (and a reason) when the text is not a valid candidate object. An empty candidate string is valid (end of candidates).</summary>
    public static IceCandidateInit? Parse(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json)) { error = "empty"; return null; }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) { error = "not a JSON object"; return null; }
            var candidate = IceCandidateInit.Read(document.RootElement, "candidate", out var problem);
            if (problem is not null) error = problem.Missing ? "missing " + problem.Detail : problem.Detail;
            return candidate;
        }
        catch (JsonException e)
        {
            error = "invalid JSON: " + e.Message;
            return null;
        }
    }

    public static string ToJson(IceCandidateInit c)
    {
        var o = new JsonObject { ["candidate"] = c.Candidate, ["sdpMid"] = c.SdpMid, ["sdpMLineIndex"] = c.SdpMLineIndex };
        if (c.UsernameFragment is not null) o["usernameFragment"] = c.UsernameFragment;
        return o.ToJsonString();
    }
}
