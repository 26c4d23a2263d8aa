namespace HeyGenEmulator.Http;

/// <summary>
/// The paths LiveAvatar's REST API owns on the emulator's port (liveavatar-wire.md §3): none is one of HeyGen's, so one
/// process serves both APIs. Calls on them are journaled as kind <c>liveavatar</c>, get LiveAvatar's error shape and
/// credentialed CORS, and faults name them like <c>sessions.start</c>.
/// </summary>
public static class LiveAvatarPaths
{
    private static readonly string[] Prefixes =
        ["/v1/sessions", "/v1/avatars", "/v1/voices", "/v1/contexts", "/v1/languages", "/v1/users", "/v1/memory", "/v1/secrets", "/v1/llm-configurations", "/v2/embeddings"];

    public const string JournalKind = "liveavatar";

    public static bool Owns(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.Ordinal));

    /// <summary><c>/v1/sessions/start</c> → <c>sessions.start</c>: the name a fault is set on.</summary>
    public static string EndpointName(PathString path) => (path.Value ?? "")[4..].Trim('/').Replace('/', '.');
}
