using System.Text.Json.Serialization;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.Api;

public sealed record StartSessionRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("sdp")] SessionDescriptionWire? Sdp);

public sealed record IceRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("candidate")] IceCandidateInit Candidate);

/// <summary>
/// The rules of streaming.start and streaming.ice, in the order HeyGen applies them: body fields, then (once the
/// session is known) its state, then — for v1 — the answer and candidates against the session's own offer. Nothing
/// here depends on whether media is on: the offer is the session's, whoever wrote it.
/// </summary>
public static class StartRequests
{
    /// <summary>
    /// The <c>sdp</c> field before the session is looked up: an object or absent (a wrong type is 400175 at once).
    /// What it holds matters only to a v1 session (<see cref="CheckAnswer"/>): a v2 server has no use for an answer.
    /// </summary>
    public static JsonFields? ReadAnswer(JsonFields body) => body.Object("sdp");

    /// <summary>A v1 answer's shape: type "answer", text starting v=0. An empty description (both blank) is none.</summary>
    private static SessionDescriptionWire? AnswerShape(JsonFields? sdp)
    {
        // An empty description is no description: LiveKit-era Go clients send {"type":"","sdp":""} on every start.
        if (sdp is null || (string.IsNullOrEmpty(sdp.String("type")) && string.IsNullOrEmpty(sdp.String("sdp")))) return null;
        var type = sdp.OneOf("type", ["answer"]) ?? throw HeyGenErrors.MissingParameter("sdp.type").ToException();
        var text = sdp.RequiredText("sdp");
        if (!text.TrimStart().StartsWith("v=0", StringComparison.Ordinal))
            throw HeyGenErrors.InvalidParameter("sdp.sdp is not an SDP description (must start with v=0)").ToException();
        return new SessionDescriptionWire(type, text);
    }

    /// <summary>
    /// The session must be new; a v1 session needs an answer of the right shape that fits its offer (every offered
    /// section answered in order, ICE credentials, a sha-256 DTLS fingerprint, an active setup role). v2 sessions
    /// ignore <c>sdp</c>, whatever it holds.
    /// </summary>
    public static SdpAnswer? CheckAnswer(Session session, JsonFields? sdp)
    {
        if (session.Spec.Version != ApiVersion.V1)
        {
            SessionRules.Require(session, SessionRules.Start);
            return null;
        }
        var answer = AnswerShape(sdp);
        SessionRules.Require(session, SessionRules.Start);
        if (answer is null) throw HeyGenErrors.MissingParameter("sdp").ToException();
        var problems = SdpAnswerValidator.Validate(session.Offer ?? "", answer.Sdp, out var parsed);
        if (problems.Count > 0 || parsed?.FirstAccepted is not { } first)
            throw HeyGenErrors.InvalidParameter("sdp: " + (problems.Count > 0
                ? string.Join("; ", problems.Select(p => p.Mid is null ? p.Message : $"{p.Message} (mid {p.Mid})"))
                : "no accepted media section")).ToException();
        var fingerprint = parsed.EffectiveFingerprint(first)!;
        if (fingerprint.Algorithm != "sha-256")
            throw HeyGenErrors.InvalidParameter($"sdp: fingerprint algorithm must be sha-256, not {fingerprint.Algorithm}").ToException();
        return new SdpAnswer(answer.Sdp, parsed.EffectiveIceUfrag(first)!, fingerprint.Algorithm + " " + fingerprint.FormatValue());
    }

    /// <summary>The <c>candidate</c> object's shape (RTCIceCandidateInit), before the session is looked up.</summary>
    public static IceCandidateInit ReadCandidate(JsonFields body)
    {
        var field = body.Object("candidate", required: true)!;
        var candidate = IceCandidateInit.Read(field.Element, "candidate", out var problem);
        if (problem is not null)
            throw (problem.Missing ? HeyGenErrors.MissingParameter(problem.Detail) : HeyGenErrors.InvalidParameter(problem.Detail)).ToException();
        return candidate!;
    }

    /// <summary>
    /// The session must not be closing or closed; a v1 candidate must parse (RFC 8839) and name a section of the
    /// offer. An empty candidate is end-of-candidates. v2 sessions trickle through LiveKit; here they are only counted.
    /// </summary>
    public static void CheckCandidate(Session session, IceCandidateInit candidate)
    {
        SessionRules.Require(session, SessionRules.Ice);
        if (session.Spec.Version != ApiVersion.V1 || candidate.IsEndOfCandidates) return;
        if (SdpCandidate.TryParse(candidate.Candidate, out var error) is null)
            throw HeyGenErrors.InvalidParameter($"candidate: {error}").ToException();
        var mids = SdpParser.TryParse(session.Offer ?? "", out _)?.Media.Select(m => m.Mid).ToArray() ?? [];
        if (candidate.SdpMid is { } mid && !mids.Contains(mid))
            throw HeyGenErrors.InvalidParameter($"candidate: sdpMid '{mid}' is not in the offer ({string.Join(",", mids)})").ToException();
        if (candidate.SdpMLineIndex is { } index && index >= mids.Length)
            throw HeyGenErrors.InvalidParameter($"candidate: sdpMLineIndex {index} is out of range (0–{mids.Length - 1})").ToException();
    }
}
