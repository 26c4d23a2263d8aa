using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

public static class ListEndpoints
{
    public static void MapListEndpoints(this RouteGroupBuilder v1, RouteGroupBuilder v2)
    {
        v1.MapGet("/streaming.list", (HttpContext context, ApiCall api, SessionManager sessions) =>
            {
                var caller = api.Authenticate(context);
                sessions.Sweep();
                var active = sessions.OwnedBy(caller.Key).Where(s => s.IsOpen).OrderBy(s => s.CreatedAt)
                    .Select(s => new ActiveSessionWire(s.Id, s.State.Wire(), s.CreatedAt.ToUnixTimeSeconds())).ToList();
                return Envelope.Success(new ActiveSessionsData(active));
            })
            .WithName("ListSessions").WithTags("Streaming").WithSummary("Active sessions of this key.")
            .Produces<SuccessEnvelope<ActiveSessionsData>>().Produces<ErrorBody>(401);

        v2.MapGet("/streaming.list", (HttpContext context, ApiCall api, SessionManager sessions, EmulatorClock clock) =>
            {
                var caller = api.Authenticate(context);
                // The token a page answered with stands for the next page (and wins over page); page_size still applies.
                var page = PageToken.Read(PageToken.FromQuery(context.Request.Query)) ?? QueryInt(context, "page", 1, 1, PageToken.MaxPage);
                var pageSize = QueryInt(context, "page_size", 10, 1, 100);
                var from = QueryInt(context, "date_from", 0, 0, int.MaxValue);
                var to = QueryInt(context, "date_to", int.MaxValue, 0, int.MaxValue);
                sessions.Sweep();
                var now = clock.GetUtcNow();
                var all = sessions.OwnedBy(caller.Key)
                    .Where(s => s.CreatedAt.ToUnixTimeSeconds() >= from && s.CreatedAt.ToUnixTimeSeconds() <= to)
                    .OrderByDescending(s => s.CreatedAt).ToList();
                var items = all.Skip((page - 1) * pageSize).Take(pageSize)
                    .Select(s => new SessionHistoryWire(s.Id, s.State.Wire(), s.CreatedAt.ToUnixTimeSeconds(),
                        s.Owner.Plan == Plan.Paid ? "paid" : "trial",
                        (long)((s.ClosedAt ?? now) - s.CreatedAt).TotalSeconds, s.Spec.Avatar.Id, s.Spec.Voice.Name))
                    .ToList();
                var next = page * pageSize < all.Count ? PageToken.For(page + 1) : null;
                return Envelope.Success(new SessionHistoryPage(all.Count, page, pageSize, next, items));
            })
            .WithName("ListSessionsV2").WithTags("Streaming").WithSummary("Session history of this key, paged (page or the token a page gave, page_size ≤ 100, date_from, date_to).")
            .Produces<SuccessEnvelope<SessionHistoryPage>>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);

        v1.MapGet("/streaming/avatar.list", (HttpContext context, ApiCall api, AvatarCatalogue avatars, IOptions<EmulatorOptions> options) =>
            {
                api.Authenticate(context);
                var baseUrl = PublicUrls.Base(context, options.Value);
                var list = avatars.All.Where(a => a.Kind != AvatarKind.Studio)
                    .Select(a => new AvatarWire(a.Id, a.CreatedAt.ToUnixTimeSeconds(), a.DefaultVoice, a.Id.EndsWith("_public", StringComparison.Ordinal),
                        $"{baseUrl}/previews/avatars/{Uri.EscapeDataString(a.Id)}.png", a.Name,
                        a.Kind == AvatarKind.Interactive ? "ACTIVE" : "INACTIVE"))
                    .ToList();
                return Envelope.Success(list, "Success");
            })
            .WithName("ListAvatars").WithTags("Streaming").WithSummary("Interactive avatars (retired ones are INACTIVE).")
            .Produces<SuccessEnvelope<List<AvatarWire>>>().Produces<ErrorBody>(401);
    }

    /// <summary>
    /// <c>GET /previews/avatars/{avatar_id}.png</c>: the image <c>normal_preview</c> points at. No credentials, as an
    /// <c>&lt;img&gt;</c> sends none; an avatar the list does not show is 404 10012.
    /// </summary>
    public static void MapAvatarPreview(this WebApplication app) =>
        app.MapGet("/previews/avatars/{avatar_id}.png", ([Microsoft.AspNetCore.Mvc.FromRoute(Name = "avatar_id")] string id, AvatarCatalogue avatars) =>
                avatars.All.Any(a => a.Id == id && a.Kind != AvatarKind.Studio)
                    ? Results.Bytes(AvatarPreviewImage.Bytes, AvatarPreviewImage.ContentType)
                    : throw HeyGenErrors.AvatarNotFound.ToException())
            .WithName("AvatarPreview").WithTags("Streaming").WithSummary("An avatar's preview image (normal_preview).")
            .Produces(200, contentType: AvatarPreviewImage.ContentType).Produces<ErrorBody>(404);

    private static int QueryInt(HttpContext context, string name, int fallback, int min, int max)
    {
        var raw = context.Request.Query[name].ToString();
        if (raw.Length == 0) return fallback;
        if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw HeyGenErrors.InvalidQuery($"{name} must be an integer between {min} and {max}").ToException();
        return value;
    }
}
