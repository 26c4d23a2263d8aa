namespace HeyGenEmulator.Errors;

/// <summary>
/// LiveAvatar's errors (liveavatar-wire.md §1): its envelope with <c>data: null</c>. 4000/422 and 4003/403 are the
/// codes users have seen; the others are the emulator's choice (@assumed in features/liveavatar), in the same style.
/// </summary>
public static class LiveAvatarErrors
{
    private static HeyGenError Of(int status, int code, string message) => new(status, code, message) { Shape = ErrorShape.LiveAvatar };

    /// <summary>FastAPI's default for a missing <c>X-API-KEY</c> or Bearer header .</summary>
    public static HeyGenError NotAuthenticated { get; } = Of(403, 4003, "Not authenticated");

    /// <summary>Ours: a key or session token that is present but not valid here (a HeyGen key, say).</summary>
    public static HeyGenError InvalidCredential { get; } = Of(401, 4001, "Invalid authentication credentials");

    /// <summary>Body validation, as Q-422 saw it: "Request validation errors. body: …".</summary>
    public static HeyGenError Validation(string detail) => Of(422, 4000, "Request validation errors. " + detail);

    public static HeyGenError SessionNotFound { get; } = Of(404, 4004, "Session not found");
    public static HeyGenError NotFound(string what) => Of(404, 4004, what + " not found");
    public static HeyGenError BadRequest(string message) => Of(400, 4000, message);
    public static HeyGenError SessionState(string message) => Of(400, 4000, message);
    public static HeyGenError ConcurrentLimit { get; } = Of(429, 4029, "Concurrent session limit reached");

    /// <summary>The LiveAvatar shape of any other error (the pipeline's 404/405, body too large, a fault).</summary>
    public static HeyGenError From(HeyGenError error) => error.Shape == ErrorShape.LiveAvatar ? error : error with { Shape = ErrorShape.LiveAvatar };
}
