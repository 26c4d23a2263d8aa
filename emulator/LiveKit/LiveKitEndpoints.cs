using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The LiveKit endpoints (spec §1) on the emulator's own port: <c>/rtc</c> (v0 signalling), <c>/rtc/validate</c>, and
/// the <c>/rtc/v1</c> refusal that makes livekit-client 2.23.0 and the native SDKs (Rust core) fall back. Every answer
/// carries <c>Access-Control-Allow-Origin: *</c>. (E1, <c>HEAD /</c>, is mapped in EmulatorApp.)
/// </summary>
public static class LiveKitEndpoints
{
    /// <summary>E3's body: a plain 404 WITHOUT "requested room does not exist" (the client would read that as "not allowed").</summary>
    public const string V1NotFoundBody = "404 page not found";

    public static void MapLiveKitEndpoints(this IEndpointRouteBuilder app)
    {
        // E2 + E3: refuse single-peer-connection signalling (v1) so 2.23.0 retries on /rtc.
        app.Map("/rtc/v1/validate", (Delegate)RefuseV1).ExcludeFromDescription();
        app.Map("/rtc/v1", (Delegate)RefuseV1).ExcludeFromDescription();
        app.MapGet("/rtc/validate", Validate).ExcludeFromDescription();
        // The Rust-core SDKs before rust-sdks #832 (January 2026) appended rtc/validate to a URL already ending in /rtc.
        app.MapGet("/rtc/rtc/validate", Validate).ExcludeFromDescription();
        app.Map("/rtc", Rtc).ExcludeFromDescription();
    }

    private static async Task RefuseV1(HttpContext context, LiveKitJournal journal, LiveKitTokens tokens, LiveKitRooms rooms, EmulatorClock clock)
    {
        Cors(context);
        var isValidate = context.Request.Path.Value!.EndsWith("/validate", StringComparison.Ordinal);
        // Journaled under the token's session (when it names one), so a session's journal shows the path its client took.
        var session = CheckToken(context, tokens, rooms, clock).Room;
        journal.Record(session, context.WebSockets.IsWebSocketRequest ? "WS" : context.Request.Method,
            context.Request.Path + context.Request.QueryString, 404, isValidate ? "v1_validate" : "v1_refused");
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(V1NotFoundBody);
    }

    /// <summary>E5: 200 "success", 401 bad token, 400 no identity, 404 unknown or ended room.</summary>
    private static async Task Validate(HttpContext context, LiveKitTokens tokens, LiveKitRooms rooms, EmulatorClock clock, LiveKitJournal journal)
    {
        Cors(context);
        var check = CheckToken(context, tokens, rooms, clock);
        journal.Record(check.Room, "GET", context.Request.Path + context.Request.QueryString, check.Status, "validate",
            new JsonObject { ["message"] = check.Message });
        context.Response.StatusCode = check.Status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(check.Message);
    }

    /// <summary>E4 (join) and E6 (resume, refused: a fresh join works instead).</summary>
    private static async Task Rtc(HttpContext context, LiveKitTokens tokens, EmulatorClock clock,
        LiveKitJournal journal, LiveKitRooms rooms, ILiveKitPeerFactory peers, IClientInput input, IOptions<LiveKitSettings> settings,
        ILoggerFactory logs)
    {
        Cors(context);
        var path = context.Request.Path + context.Request.QueryString;
        var method = context.WebSockets.IsWebSocketRequest ? "WS" : context.Request.Method;
        var check = CheckToken(context, tokens, rooms, clock);
        int status = check.Status;
        string message = check.Message;
        if (check.Ok && context.Request.Query["reconnect"] == "1") (status, message) = (401, "resume is not supported: reconnect with a new join");
        else if (check.Ok && check.Identity == LiveKitRoom.AvatarIdentity) (status, message) = (401, "identity 'heygen' is the avatar's");
        else if (check.Ok && !context.WebSockets.IsWebSocketRequest) (status, message) = (400, "expected a WebSocket upgrade");
        if (status != 200)
        {
            journal.Record(check.Room, method, path, status, "refused", new JsonObject { ["reason"] = message });
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(message);
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new SignalConnection(check.Target!, socket, check, path,
            new SignalServices(clock, journal, settings.Value, peers, input, logs.CreateLogger("HeyGenEmulator.LiveKit")));
        await connection.RunAsync(context.RequestAborted);
    }

    /// <summary>
    /// The room token, checked: <c>Authorization: Bearer</c> (LiveKit's Rust-core SDKs — Python, Node, Unity — send it
    /// on the upgrade and on validate) or <c>?access_token=</c> (livekit-client in browsers). As livekit-server does,
    /// a header wins over the query, and a header that is not <c>Bearer …</c> is refused outright.
    /// </summary>
    private static LiveKitTokenCheck CheckToken(HttpContext context, LiveKitTokens tokens, LiveKitRooms rooms, EmulatorClock clock)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0 && !header.StartsWith("Bearer ", StringComparison.Ordinal))
            return new LiveKitTokenCheck(401, LiveKitTokenCheck.BadAuthorizationHeader);
        var token = header.Length > 0 ? header["Bearer ".Length..] : context.Request.Query["access_token"].ToString();
        return LiveKitTokenCheck.Run(token, tokens, clock.GetUtcNow(), rooms.Find);
    }

    private static void Cors(HttpContext context) => context.Response.Headers.AccessControlAllowOrigin = "*";
}
