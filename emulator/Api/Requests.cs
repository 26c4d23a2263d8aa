using HeyGenEmulator.Http;

namespace HeyGenEmulator.Api;

/// <summary>
/// Turns validated JSON fields into request records. One validation path for every endpoint: wrong types and
/// out-of-range values are 400s naming the field; unknown fields are ignored.
/// </summary>
public static class Requests
{
    public static readonly string[] Qualities = ["low", "medium", "high"];
    public static readonly string[] VideoEncodings = ["H264", "VP8"];
    public static readonly string[] Versions = ["v1", "v2"];
    public static readonly string[] Emotions = ["excited", "serious", "friendly", "soothing", "broadcaster"];
    public static readonly string[] TaskTypes = ["talk", "repeat", "chat"];
    public static readonly string[] TaskModes = ["sync", "async"];
    public static readonly string[] SttProviders = ["deepgram", "gladia"];

    public static NewSessionRequest NewSession(JsonFields body)
    {
        var voice = body.Object("voice");
        var stt = body.Object("stt_settings");
        body.Object("livekit_settings");
        body.Bool("disable_idle_timeout");
        // Some integrations (seed 002) send voice_id at the top level; treat it as voice.voice_id.
        var topLevelVoiceId = body.String("voice_id");
        return new NewSessionRequest(
            AvatarName: body.String("avatar_name"),
            AvatarId: body.String("avatar_id"),
            Quality: body.OneOf("quality", Qualities),
            Voice: new VoiceSettings(
                voice?.String("voice_id") ?? topLevelVoiceId,
                voice?.Number("rate", 0.5, 1.5),
                voice?.OneOf("emotion", Emotions, ignoreCase: true)?.ToLowerInvariant(),
                voice?.ObjectNode("elevenlabs_settings")),
            Language: body.String("language"),
            Version: body.OneOf("version", Versions),
            VideoEncoding: body.OneOf("video_encoding", VideoEncodings, ignoreCase: true)?.ToUpperInvariant(),
            KnowledgeBase: body.String("knowledge_base"),
            KnowledgeBaseId: body.String("knowledge_base_id") ?? body.String("knowledge_id"),
            ActivityIdleTimeout: body.Int("activity_idle_timeout", 30, 3600),
            DisableIdleTimeout: body.Bool("disable_idle_timeout"),
            SttSettings: stt is null ? null : new SttSettings(stt.OneOf("provider", SttProviders, ignoreCase: true), stt.Number("confidence", 0, 1)),
            Source: body.String("source"),
            IaIsLivekitTransport: body.Bool("ia_is_livekit_transport"),
            SilenceResponse: body.Bool("silence_response"));
    }

    /// <summary>
    /// The session id every session call needs. HeyGen answers a missing one with 401 400112 (seen on streaming.task,
    /// GH-SDK24), since the session is what the token is checked against.
    /// </summary>
    public static string SessionId(JsonFields body)
    {
        var id = body.Has("session_id") ? body.String("session_id") : null;
        if (string.IsNullOrWhiteSpace(id)) throw Errors.Errors.Unauthorized.ToException();
        return id.Trim();
    }

    public static StartSessionRequest Start(JsonFields body)
    {
        var id = SessionId(body);
        var sdp = body.Object("sdp");
        SessionDescriptionWire? answer = null;
        if (sdp is not null)
        {
            var type = sdp.OneOf("type", ["answer"]) ?? throw Errors.Errors.MissingParameter("sdp.type").ToException();
            var text = sdp.RequiredText("sdp");
            if (!text.TrimStart().StartsWith("v=0", StringComparison.Ordinal))
                throw Errors.Errors.InvalidParameter("sdp.sdp is not an SDP description (must start with v=0)").ToException();
            answer = new SessionDescriptionWire(type, text);
        }
        return new StartSessionRequest(id, answer);
    }

    public static IceRequest Ice(JsonFields body)
    {
        var id = SessionId(body);
        return new IceRequest(id, Candidate(body.Object("candidate", required: true)!));
    }

    /// <summary>
    /// An RTCIceCandidateInit object: what v1's streaming.ice posts as <c>candidate</c> and what LiveKit's trickle carries
    /// as JSON. An empty candidate string is end-of-candidates.
    /// </summary>
    public static IceCandidateWire Candidate(JsonFields candidate)
    {
        var text = candidate.String("candidate", required: true)!;
        if (text.Length > 0 && !text.StartsWith("candidate:", StringComparison.Ordinal))
            throw Errors.Errors.InvalidParameter("candidate.candidate must start with 'candidate:' (or be empty for end-of-candidates)").ToException();
        return new IceCandidateWire(text, candidate.String("sdpMid"), candidate.Int("sdpMLineIndex", 0, 64), candidate.String("usernameFragment"));
    }

    public static TaskRequest Task(JsonFields body)
    {
        var id = SessionId(body);
        return new TaskRequest(id, body.RequiredText("text"),
            body.OneOf("task_type", TaskTypes) ?? "repeat",
            body.OneOf("task_mode", TaskModes) ?? "async");
    }
}
