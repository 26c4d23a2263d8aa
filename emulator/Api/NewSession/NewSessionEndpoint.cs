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
/// <c>POST /v1/streaming.new</c>. Errors: 401 400112 (bad key or token, a token's second session), 400 40001/400175
/// (fields, <see cref="NewSessionFields"/>), 404 10012 unknown avatar, 400 10003 retired avatar, 403 10013 studio
/// avatar, 400 400175 unknown voice or a knowledge_base_id / knowledge_id
/// this key does not own, 429 10007 over the key's concurrent sessions. Scenarios: docs/endpoints.md.
/// </summary>
public static class NewSessionEndpoint
{
    public static void MapNewSession(this RouteGroupBuilder v1) =>
        v1.MapPost("/streaming.new", NewSession)
            .WithName("NewSession").WithTags("Streaming")
            .WithSummary("Create a session: v2 (LiveKit) when version is \"v2\", v1 (raw WebRTC offer) otherwise.")
            .AcceptsJson<NewSessionRequest>()
            .Produces<SuccessEnvelope<NewSessionData>>().Produces<ErrorBody>(400).Produces<ErrorBody>(401)
            .Produces<ErrorBody>(403).Produces<ErrorBody>(404).Produces<ErrorBody>(429);

    private static async Task<IResult> NewSession(HttpContext context, ApiCall api, SessionManager sessions, AvatarCatalogue avatars,
        VoiceCatalogue voices, KnowledgeBaseStore knowledgeBases, TokenStore tokens, LiveKitTokens liveKit, EmulatorClock clock, IOptions<EmulatorOptions> options)
    {
        // Validate: auth, then fields, then the catalogue.
        var (caller, body) = await api.ReadAsync(context);
        if (caller.Token?.SessionId is not null) throw HeyGenErrors.Unauthorized.ToException(); // one streaming.new per token
        var request = NewSessionFields.Read(body);
        var avatar = avatars.Resolve(request.AvatarKey);
        var voice = voices.Resolve(request.VoiceId, avatar.DefaultVoice);
        var knowledgeBase = request.KnowledgeBaseRef is var (field, id)
            ? knowledgeBases.Find(caller.Key, id) ?? throw HeyGenErrors.UnknownKnowledgeBase(field, id).ToException()
            : null;
        var spec = new SessionSpec(
            avatar, voice, request.VoiceRate ?? 1.0, request.Emotion,
            Quality: request.Quality ?? VideoQuality.Low,
            Version: request.Version ?? ApiVersion.V1,
            VideoEncoding: request.VideoEncoding ?? VideoEncoding.Vp8,
            request.Language,
            IdleTimeout: request.DisableIdleTimeout == true ? null : TimeSpan.FromSeconds(request.ActivityIdleTimeout ?? 120),
            request.KnowledgeBase,
            LiveKitTransport: request.LiveKitTransport == true,
            Opening: knowledgeBase?.Opening);

        // Act: the key's limit and the token's single use are checked atomically with the creation.
        Func<string, bool>? claim = caller.Token is { } token ? id => tokens.TryConsume(token, id) : null;
        var session = sessions.Create(caller.Key, spec, claim);
        context.Items[ApiPipeline.SessionIdItem] = session.Id;

        var baseUrl = PublicUrls.Base(context, options.Value);
        var wsBase = PublicUrls.WebSocketBase(baseUrl);
        var isV2 = spec.Version == ApiVersion.V2;
        var now = clock.GetUtcNow();
        return Envelope.Success(new NewSessionData(
            session.Id,
            Sdp: session.Offer is { } offer ? new SessionDescriptionWire("offer", offer) : null,
            AccessToken: isV2 ? liveKit.Issue("client", session.Id, now) : null,
            Url: isV2 ? wsBase : null,
            IceServers: null,
            IceServers2: isV2 ? null : [],
            IsPaid: caller.Key.Plan == Plan.Paid,
            SessionDurationLimit: options.Value.SessionDurationLimit,
            RealtimeEndpoint: $"{wsBase}/v2-alpha/interactive-avatar/session/{session.Id}",
            LivekitAgentToken: isV2 ? liveKit.Issue("agent", session.Id, now, agent: true) : null));
    }
}
