using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// LiveAvatar's contexts (liveavatar-wire.md §3), the successor of HeyGen's knowledge bases: <c>GET</c>/<c>POST
/// /v1/contexts</c>, <c>GET</c>/<c>PATCH</c>/<c>DELETE /v1/contexts/{id}</c> with the API key, each key's own
/// (<see cref="LiveAvatarContexts"/>). A FULL token's <c>avatar_persona.context_id</c> names one, and its
/// <c>opening_text</c> starts the avatar's first reply. Scenarios: features/liveavatar/contexts.feature.
/// </summary>
public static class LiveAvatarContextEndpoints
{
    private const string Tag = "LiveAvatar";

    public static void MapLiveAvatarContexts(this RouteGroupBuilder v1)
    {
        v1.MapGet("/contexts", (HttpContext context, LiveAvatarCall call, LiveAvatarContexts contexts) =>
            {
                var key = call.Key(context);
                return Envelope.LiveAvatar(LiveAvatarPages.Page(context.Request, [.. contexts.List(key).Select(Summary)]));
            })
            .WithName("LiveAvatarContextList").WithTags(Tag).WithSummary("The key's contexts, newest first.");
        v1.MapPost("/contexts", async (HttpContext context, LiveAvatarCall call, LiveAvatarContexts contexts) =>
            {
                var key = call.Key(context);
                var fields = ContextRequest.Read(await call.BodyAsync(context), creating: true);
                var created = contexts.Create(key, fields.Name!, fields.Prompt!, fields.OpeningText!, fields.Links ?? []);
                return Envelope.LiveAvatar(Detail(created));
            })
            .WithName("LiveAvatarContextCreate").WithTags(Tag).WithSummary("Create a context {name, prompt, opening_text, links?}.");
        v1.MapGet("/contexts/{contextId}", (HttpContext context, string contextId, LiveAvatarCall call, LiveAvatarContexts contexts) =>
            {
                var key = call.Key(context);
                LiveAvatarCatalogueEndpoints.RequireUuid(contextId, "context_id");
                return Envelope.LiveAvatar(Detail(contexts.Find(key, contextId) ?? throw LiveAvatarContexts.NotFound.ToException()));
            })
            .WithName("LiveAvatarContextGet").WithTags(Tag).WithSummary("One context in full.");
        v1.MapPatch("/contexts/{contextId}", async (HttpContext context, string contextId, LiveAvatarCall call, LiveAvatarContexts contexts) =>
            {
                var key = call.Key(context);
                LiveAvatarCatalogueEndpoints.RequireUuid(contextId, "context_id");
                var changes = ContextRequest.Read(await call.BodyAsync(context), creating: false);
                return Envelope.LiveAvatar(Detail(contexts.Update(key, contextId, changes)));
            })
            .WithName("LiveAvatarContextUpdate").WithTags(Tag).WithSummary("Change the fields given.");
        v1.MapDelete("/contexts/{contextId}", (HttpContext context, string contextId, LiveAvatarCall call, LiveAvatarContexts contexts) =>
            {
                var key = call.Key(context);
                LiveAvatarCatalogueEndpoints.RequireUuid(contextId, "context_id");
                contexts.Delete(key, contextId);
                return Envelope.LiveAvatar<object>(null);
            })
            .WithName("LiveAvatarContextDelete").WithTags(Tag).WithSummary("Delete a context; sessions created with it keep their opening.");
    }

    private static ContextSummary Summary(LiveAvatarContext c) => new(c.Id, c.Name, c.CreatedAt, c.UpdatedAt);

    private static ContextData Detail(LiveAvatarContext c) =>
        new(c.Id, c.Name, c.Prompt, c.OpeningText, [.. c.Links.Select(l => new ContextLinkData(l.Url, l.Faq, l.Id))], [], c.CreatedAt, c.UpdatedAt);
}
