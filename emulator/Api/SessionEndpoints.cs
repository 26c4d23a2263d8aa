using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Http;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/streaming.new", NewSession)
            .WithName("NewSession").WithTags("Streaming")
            .WithSummary("Create a session: v2 (LiveKit) when version is \"v2\", v1 (raw WebRTC offer) otherwise.")
            .AcceptsJson<NewSessionRequest>()
            .Produces<SuccessEnvelope<NewSessionData>>().Produces<ErrorBody>(400).Produces<ErrorBody>(401)
            .Produces<ErrorBody>(403).Produces<ErrorBody>(404).Produces<ErrorBody>(429);

        v1.MapPost("/streaming.start", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var request = Requests.Start(body);
                var session = api.Session(context, caller, request.SessionId);
                await sessions.StartAsync(session, request.Sdp, context.RequestAborted);
                return Envelope.Success<object>(null);
            })
            .WithName("StartSession").WithTags("Streaming")
            .WithSummary("Start streaming; v1 sessions send their SDP answer here.")
            .AcceptsJson<StartSessionRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

        v1.MapPost("/streaming.ice", async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                var request = Requests.Ice(body);
                sessions.AddCandidate(api.Session(context, caller, request.SessionId), request.Candidate);
                return Envelope.Success<object>(null);
            })
            .WithName("SubmitIce").WithTags("Streaming")
            .WithSummary("Trickle a client ICE candidate (v1 raw WebRTC).")
            .AcceptsJson<IceRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

        MapSessionCall(v1, "/streaming.keep_alive", "KeepAlive", "Reset the idle timer.", (sessions, session) => sessions.KeepAlive(session));
        MapSessionCall(v1, "/streaming.stop", "StopSession", "Close the session.", (sessions, session) => sessions.Stop(session));
    }

    /// <summary>The shape shared by calls that take only <c>session_id</c> and answer with an empty success.</summary>
    internal static void MapSessionCall(RouteGroupBuilder group, string path, string name, string summary, Action<SessionManager, Session> act) =>
        group.MapPost(path, async (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var (caller, body) = await api.ReadAsync(context);
                act(sessions, api.Session(context, caller, Requests.SessionId(body)));
                return Envelope.Success<object>(null);
            })
            .WithName(name).WithTags("Streaming").WithSummary(summary)
            .AcceptsJson<SessionIdRequest>().Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(400).Produces<ErrorBody>(404);

    private static async Task<IResult> NewSession(HttpContext context, ApiCall api, SessionManager sessions, AvatarCatalogue avatars,
        VoiceCatalogue voices, TokenStore tokens, LiveKitTokens liveKit, EmulatorClock clock, IOptions<EmulatorOptions> options)
    {
        var (caller, body) = await api.ReadAsync(context);
        if (caller.Token?.SessionId is not null) throw Errors.Errors.Unauthorized.ToException(); // one streaming.new per token
        var request = Requests.NewSession(body);
        // The docs name the field avatar_id, the SDK sends avatar_name; the documented one wins when both are set.
        var avatar = avatars.Resolve(string.IsNullOrWhiteSpace(request.AvatarId) ? request.AvatarName : request.AvatarId);
        var voice = voices.Resolve(request.Voice?.VoiceId, avatar.DefaultVoice);
        var spec = new SessionSpec(
            avatar, voice, request.Voice?.Rate ?? 1.0, request.Voice?.Emotion,
            Quality: request.Quality ?? "low",
            Version: request.Version ?? "v1",
            VideoEncoding: request.VideoEncoding ?? "VP8",
            request.Language,
            IdleTimeout: request.DisableIdleTimeout == true ? null : TimeSpan.FromSeconds(request.ActivityIdleTimeout ?? 120),
            request.KnowledgeBase,
            LiveKitTransport: request.IaIsLivekitTransport == true);

        Func<string, bool>? claim = caller.Token is { } token ? id => tokens.TryConsume(token, id) : null;
        var (session, offer) = sessions.Create(caller.Key, spec, claim);
        context.Items[ApiPipeline.SessionIdItem] = session.Id;

        var baseUrl = PublicBaseUrl(context, options.Value);
        var wsBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..] : "ws://" + baseUrl[(baseUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var isV2 = spec.Version == "v2";
        var now = clock.GetUtcNow();
        return Envelope.Success(new NewSessionData(
            session.Id,
            Sdp: offer,
            AccessToken: isV2 ? liveKit.Issue("client", session.Id, now) : null,
            Url: isV2 ? wsBase : null,
            IceServers: null,
            IceServers2: isV2 ? null : [],
            IsPaid: caller.Key.Plan == Plan.Paid,
            SessionDurationLimit: options.Value.SessionDurationLimit,
            RealtimeEndpoint: $"{wsBase}/v2-alpha/interactive-avatar/session/{session.Id}",
            LivekitAgentToken: isV2 ? liveKit.Issue("agent", session.Id, now, agent: true) : null));
    }

    internal static string PublicBaseUrl(HttpContext context, EmulatorOptions options) =>
        (string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{context.Request.Scheme}://{context.Request.Host}" : options.PublicBaseUrl).TrimEnd('/');
}
