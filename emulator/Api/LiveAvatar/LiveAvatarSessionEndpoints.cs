using System.Globalization;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

/// <summary>
/// LiveAvatar's sessions (liveavatar-wire.md §2-3): the backend's <c>POST /v1/sessions/token</c> (X-API-KEY), the
/// SDK's <c>start</c> (201), <c>stop</c> (harmless when repeated: the SDK stops on every teardown) and
/// <c>keep-alive</c> (Bearer session token; stop and keep-alive also take the key), and the key's
/// <c>GET /v1/sessions?type=active|historic</c>, <c>/{id}</c>, <c>/{id}/transcript</c>. Scenarios: features/liveavatar.
/// </summary>
public static class LiveAvatarSessionEndpoints
{
    private const string Tag = "LiveAvatar";
    private static readonly string[] ListTypes = ["active", "historic"];

    public static void MapLiveAvatarSessions(this RouteGroupBuilder v1)
    {
        v1.MapPost("/sessions/token", Token).WithName("LiveAvatarSessionToken").WithTags(Tag)
            .WithSummary("Create a LiveAvatar session (FULL or LITE) and its session token (a JWT the web SDK decodes).");
        v1.MapPost("/sessions/start", Start).WithName("LiveAvatarSessionStart").WithTags(Tag)
            .WithSummary("Start the session of the Bearer session token: its LiveKit room (and ws_url for LITE).");
        v1.MapPost("/sessions/stop", Stop).WithName("LiveAvatarSessionStop").WithTags(Tag).WithSummary("Stop the session; harmless when repeated.");
        v1.MapPost("/sessions/keep-alive", KeepAlive).WithName("LiveAvatarSessionKeepAlive").WithTags(Tag).WithSummary("Reset the session's idle timer.");
        v1.MapGet("/sessions", List).WithName("LiveAvatarSessionList").WithTags(Tag).WithSummary("The key's sessions: type=active or historic.");
        v1.MapGet("/sessions/{sessionId}", Get).WithName("LiveAvatarSessionGet").WithTags(Tag).WithSummary("One of the key's sessions.");
        v1.MapGet("/sessions/{sessionId}/transcript", Transcript).WithName("LiveAvatarSessionTranscript").WithTags(Tag)
            .WithSummary("What the user and the avatar said in the session.");
    }

    private static async Task<IResult> Token(HttpContext context, LiveAvatarCall call, LiveAvatarSessions sessions,
        LiveAvatarCatalogue avatars, LiveAvatarVoices voices, LiveAvatarContexts contexts, IOptions<EmulatorOptions> options)
    {
        var key = call.Key(context);
        var body = await call.BodyAsync(context);
        var request = SessionTokenRequest.Read(body, avatars, voices, options.Value.LiveAvatar.MaxSessionDurationLimit, id => contexts.Find(key, id)?.OpeningText);
        var (session, token) = Translate(() => sessions.Create(key, request));
        context.Items[ApiPipeline.SessionIdItem] = session.Id;
        return Envelope.LiveAvatar(new SessionTokenData(session.Id, token));
    }

    private static async Task<IResult> Start(HttpContext context, LiveAvatarCall call, LiveAvatarSessions sessions, SessionManager manager,
        LiveKitTokens liveKit, EmulatorClock clock, IOptions<EmulatorOptions> options)
    {
        var session = call.Bearer(context);
        await sessions.StartAsync(session, context.RequestAborted);
        var wsBase = PublicUrls.WebSocketBase(BaseUrl(context, options.Value));
        var now = clock.GetUtcNow();
        var lite = session.Spec.LiveAvatar?.Mode == LiveAvatarMode.Lite;
        return Envelope.LiveAvatar(new SessionStartData(
            session.Id,
            LivekitUrl: wsBase,
            LivekitClientToken: liveKit.Issue("client", session.Id, now),
            LivekitAgentToken: liveKit.Issue("agent", session.Id, now, agent: true),
            MaxSessionDuration: (int)manager.DurationLimitOf(session).TotalSeconds,
            WsUrl: lite ? $"{wsBase}{LiveAvatarSocket.PathOf(session.Id)}" : null), StatusCodes.Status201Created);
    }

    private static async Task<IResult> Stop(HttpContext context, LiveAvatarCall call, LiveAvatarSessions sessions)
    {
        var session = await call.BearerOrKeyAsync(context);
        sessions.Stop(session);
        return Envelope.LiveAvatar<object>(null);
    }

    private static async Task<IResult> KeepAlive(HttpContext context, LiveAvatarCall call, LiveAvatarSessions sessions)
    {
        var session = await call.BearerOrKeyAsync(context);
        sessions.KeepAlive(session);
        return Envelope.LiveAvatar<object>(null);
    }

    private static IResult List(HttpContext context, LiveAvatarCall call, LiveAvatarSessions sessions, EmulatorClock clock)
    {
        var key = call.Key(context);
        var type = context.Request.Query["type"].ToString();
        if (type.Length == 0) throw LiveAvatarErrors.Validation("query.type: Field required").ToException();
        if (!ListTypes.Contains(type)) throw LiveAvatarErrors.Validation("query.type: Input should be 'active' or 'historic'").ToException();
        var now = clock.GetUtcNow();
        var entries = sessions.OwnedBy(key)
            .Where(s => s.IsOpen == (type == "active"))
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => Entry(s, now))
            .ToList();
        return Envelope.LiveAvatar(LiveAvatarPages.Page(context.Request, entries));
    }

    private static IResult Get(HttpContext context, string sessionId, LiveAvatarCall call, LiveAvatarSessions sessions, EmulatorClock clock)
    {
        var session = Owned(context, sessionId, call, sessions);
        return Envelope.LiveAvatar(Entry(session, clock.GetUtcNow()));
    }

    private static IResult Transcript(HttpContext context, string sessionId, LiveAvatarCall call, LiveAvatarSessions sessions)
    {
        var session = Owned(context, sessionId, call, sessions);
        var from = Timestamp(context, "start_timestamp");
        var to = Timestamp(context, "end_timestamp");
        var lines = sessions.TranscriptOf(session.Id)?.Lines(from, to) ?? [];
        return Envelope.LiveAvatar(new SessionTranscriptData(session.IsOpen, null, lines));
    }

    private static Session Owned(HttpContext context, string sessionId, LiveAvatarCall call, LiveAvatarSessions sessions)
    {
        var key = call.Key(context);
        context.Items[ApiPipeline.SessionIdItem] = sessionId;
        return sessions.Find(key, sessionId) ?? throw LiveAvatarErrors.SessionNotFound.ToException();
    }

    private static SessionEntry Entry(Session session, DateTimeOffset now)
    {
        var spec = session.Spec.LiveAvatar!;
        var began = session.StartedAt ?? session.CreatedAt;
        var end = session.ClosedAt;
        var duration = (int)Math.Max(0, ((end ?? now) - began).TotalSeconds);
        return new SessionEntry(session.Id, session.CreatedAt, end ?? session.LastActivityAt, duration, "API",
            WireNames<LiveAvatarMode>.Of(spec.Mode), spec.Sandbox, 0,
            end, end is null ? null : LiveAvatarEvents.EndReason(session.CloseReason ?? ""));
    }

    private static long? Timestamp(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return null;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw LiveAvatarErrors.Validation($"query.{name}: Input should be a valid integer").ToException();
    }

    /// <summary><c>Emulator:LiveAvatar:PublicBaseUrl</c>, else where HeyGen's API is reached.</summary>
    private static string BaseUrl(HttpContext context, EmulatorOptions options) =>
        string.IsNullOrWhiteSpace(options.LiveAvatar.PublicBaseUrl) ? PublicUrls.Base(context, options) : options.LiveAvatar.PublicBaseUrl.TrimEnd('/');

    /// <summary>The session layer's HeyGen errors (the key's concurrency limit) in LiveAvatar's words.</summary>
    private static T Translate<T>(Func<T> act)
    {
        try
        {
            return act();
        }
        catch (HeyGenException e) when (e.Error == HeyGenErrors.ConcurrentLimit)
        {
            throw LiveAvatarErrors.ConcurrentLimit.ToException();
        }
    }
}
