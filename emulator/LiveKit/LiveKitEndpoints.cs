using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The LiveKit endpoints (spec §1) on the emulator's own port: <c>/rtc</c> (v0 signalling), <c>/rtc/validate</c>, and
/// the <c>/rtc/v1</c> refusal that makes livekit-client 2.23.0 fall back. Every answer carries
/// <c>Access-Control-Allow-Origin: *</c>. (E1, <c>HEAD /</c>, is mapped in EmulatorApp.)
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
        app.Map("/rtc", Rtc).ExcludeFromDescription();
    }

    private static async Task RefuseV1(HttpContext context, LiveKitJournal journal)
    {
        Cors(context);
        var isValidate = context.Request.Path.Value!.EndsWith("/validate", StringComparison.Ordinal);
        journal.Record(SessionOf(context), context.WebSockets.IsWebSocketRequest ? "WS" : context.Request.Method,
            context.Request.Path + context.Request.QueryString, 404, isValidate ? "v1_validate" : "v1_refused");
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(V1NotFoundBody);
    }

    /// <summary>E5: 200 "success", 401 bad token, 400 no identity, 404 unknown or ended room.</summary>
    private static async Task Validate(HttpContext context, LiveKitTokens tokens, LiveKitRooms rooms, EmulatorClock clock, LiveKitJournal journal)
    {
        Cors(context);
        var check = LiveKitTokenCheck.Run(AccessToken(context.Request), tokens, clock.GetUtcNow(), rooms.Find);
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
        var check = LiveKitTokenCheck.Run(AccessToken(context.Request), tokens, clock.GetUtcNow(), rooms.Find);
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
    /// The room token: <c>?access_token=</c> (livekit-client in browsers) or <c>Authorization: Bearer</c> (LiveKit's
    /// Rust-core SDKs — Python, Node, Unity — send it as a header on the upgrade).
    /// </summary>
    private static string? AccessToken(HttpRequest request)
    {
        var query = request.Query["access_token"].ToString();
        if (query.Length > 0) return query;
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static void Cors(HttpContext context) => context.Response.Headers.AccessControlAllowOrigin = "*";

    private static string? SessionOf(HttpContext context) => null;
}
