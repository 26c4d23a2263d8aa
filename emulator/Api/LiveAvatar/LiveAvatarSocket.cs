using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// A LITE session's <c>ws_url</c> (liveavatar-wire.md §5): the same protocol as HeyGen's realtime socket
/// (<c>agent.speak</c> audio chunks, <c>agent.speak_end</c>, <c>agent.interrupt</c>, listening,
/// <c>session.keep_alive</c>; <c>session.state_updated</c> and <c>agent.speak_started</c>/<c>_ended</c> back), served
/// by one implementation. The SDK opens it with no header or subprotocol, so the URL is all it has: the session id, as
/// for HeyGen's socket. FULL sessions have no <c>ws_url</c> (OAS: "Custom Mode only") and are refused.
/// </summary>
public static class LiveAvatarSocket
{
    public const string Route = "/v1/sessions/{sessionId}/ws";

    public static string PathOf(string sessionId) => $"/v1/sessions/{sessionId}/ws";

    public static void MapLiveAvatarSocket(this IEndpointRouteBuilder app) =>
        app.Map(LiveAvatarSocket.Route, (HttpContext context, string sessionId, SessionManager sessions, RealtimeSpeech realtime, LiveKitJournal journal, ILoggerFactory logs) =>
            RealtimeEndpoint.ServeAsync(context, sessionId, PathOf(sessionId), Admits, LiveKitJournal.LiveAvatarKind, sessions, realtime, journal, logs))
            .ExcludeFromDescription();

    private static (int, string)? Admits(Session session) => session.Spec.LiveAvatar?.Mode switch
    {
        null => (404, "session not found"),
        LiveAvatarMode.Full => (400, "FULL sessions have no ws_url: commands go over LiveKit data (topic agent-control)"),
        _ when session.State != SessionState.Connected => (400, "the session is not started: call /v1/sessions/start first"),
        _ => null,
    };
}
