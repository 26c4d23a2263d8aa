namespace HeyGenEmulator.Errors;

/// <summary>
/// The error catalogue, with the statuses and messages from heygen-wire.md §5.
/// Where the reference gives no exact text the message is ours and says so in the feature files.
/// </summary>
public static class HeyGenErrors
{
    public static HeyGenError Unauthorized { get; } = new(401, 400112, "Unauthorized");

    /// <summary>10001–10005; the session layer picks the code for its state.</summary>
    public static HeyGenError SessionStateWrong(int code, string state) => new(400, code, $"Session state wrong: {state}");

    public static HeyGenError SessionNotFound { get; } = new(404, 10006, "Session not found");
    public static HeyGenError ConcurrentLimit { get; } = new(429, 10007, "Concurrent limit reached");
    public static HeyGenError AvatarNotFound { get; } = new(404, 10012, "Avatar not found");
    public static HeyGenError AvatarNotAllowed { get; } = new(403, 10013, "Avatar not allowed");

    /// <summary>The "WebRTC Signaling API Error" body from the avatar-version deprecation notice.</summary>
    public static HeyGenError AvatarDeprecated { get; } = new(400, 10003,
        "avatar version is deprecated, please update to v3+",
        new Dictionary<string, object?> { ["details"] = "invalid avatar" });

    public static HeyGenError TrialLimit { get; } = new(429, 10015, "Trial API limit reached, please upgrade your plan for formal usage");

    /// <summary>
    /// The body a user saw on streaming.task of a v2 session right after start with no LiveKit client in the room
    /// (HeyGen forum, discussion 6790f62ab8177700103dcbeb); given only with <c>Emulator:RequireClientInRoomForTasks</c>.
    /// </summary>
    public static HeyGenError SessionNotInCorrectState { get; } = new(400, 400006, "Session is not in correct state");

    /// <summary>Ours (HeyGen publishes no body): a knowledge base id this key does not own, on its update or delete.</summary>
    public static HeyGenError KnowledgeBaseNotFound { get; } = new(404, 40004, "Knowledge base not found");

    /// <summary>Ours: streaming.new naming a knowledge base this key does not own (unknown, deleted or another key's).</summary>
    public static HeyGenError UnknownKnowledgeBase(string field, string id) =>
        InvalidParameter($"{field} '{id}' is not a knowledge base of this API key");

    public static HeyGenError MissingParameter(string name) => new(400, 40001, $"Missing required input parameters: {name}");
    public static HeyGenError InvalidParameter(string detail) => new(400, 400175, $"Invalid parameter: {detail}");
    public static HeyGenError InvalidQuery(string detail) => new(400, 40012, $"Invalid querying parameter: {detail}");
    public static HeyGenError MalformedJson(string detail) => new(400, 400175, $"Invalid parameter: request body is not valid JSON ({detail})");
    public static HeyGenError BodyTooLarge(long limit) => new(413, 400175, $"Invalid parameter: request body is larger than {limit} bytes");
    public static HeyGenError RouteNotFound(string method, string path) => new(404, 40004, $"Not found: {method} {path}");
    public static HeyGenError MethodNotAllowed(string method, string path) => new(405, 40005, $"Method not allowed: {method} {path}");
    public static HeyGenError UnsupportedMediaType(string? contentType) => new(415, 400175, $"Invalid parameter: unsupported media type '{contentType}', application/json is required");
    public static HeyGenError MediaUnavailable(string reason) => new(503, 50003, $"Avatar media is not available: {reason}");
    /// <summary>Ours (HeyGen has no such check): 40003, beside 40001/40004/40005, for a Host header the emulator does not answer.</summary>
    public static HeyGenError HostNotAllowed(string host) => new(403, 40003,
        $"Host '{host}' is not allowed: the emulator answers loopback addresses, localhost and Emulator:AllowedHosts (e.g. Emulator__AllowedHosts__0={host})");
    public static HeyGenError Internal { get; } = new(500, 50000, "Internal server error");
}
