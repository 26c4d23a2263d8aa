using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// Knowledge-base management (changelog "Knowledge Base Management Endpoints", https://docs.heygen.com/reference/list-knowledge-bases):
/// <c>GET /v1/streaming/knowledge_base/list</c>, <c>POST …/create</c>, <c>POST …/{id}</c> (update), <c>POST …/{id}/delete</c>.
/// API key only, each key's own knowledge bases (<see cref="KnowledgeBaseStore"/>). Rules: <see cref="KnowledgeBaseRequest.Read"/>.
/// Errors: 401 400112 (no API key, or a session token), 400 40001 (name missing), 400 400175 (field too long, wrong
/// type, over <c>Emulator:MaxKnowledgeBases</c>), 404 40004 (an id this key does not own). Scenarios: features/knowledge_bases.feature.
/// </summary>
public static class KnowledgeBaseEndpoints
{
    public static void MapKnowledgeBaseEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/streaming/knowledge_base/list", (HttpContext context, ApiCall api, KnowledgeBaseStore store) =>
            {
                var caller = api.Authenticate(context, apiKeyOnly: true);
                return Envelope.Success(new KnowledgeBaseList([.. store.List(caller.Key).Select(KnowledgeBaseWire.Of)]));
            })
            .WithName("ListKnowledgeBases").WithTags("Knowledge bases").WithSummary("This key's knowledge bases, oldest first.")
            .Produces<SuccessEnvelope<KnowledgeBaseList>>().Produces<ErrorBody>(401);

        v1.MapPost("/streaming/knowledge_base/create", async (HttpContext context, ApiCall api, KnowledgeBaseStore store) =>
            {
                var (caller, body) = await api.ReadAsync(context, apiKeyOnly: true);
                var request = KnowledgeBaseRequest.Read(body, creating: true);
                return Envelope.Success(KnowledgeBaseWire.Of(store.Create(caller.Key, request.Name!, request.Opening!, request.Prompt!)));
            })
            .WithName("CreateKnowledgeBase").WithTags("Knowledge bases").WithSummary("Create a knowledge base (name, opening, prompt).")
            .AcceptsJson<KnowledgeBaseRequest>().Produces<SuccessEnvelope<KnowledgeBaseWire>>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);

        v1.MapPost("/streaming/knowledge_base/{knowledge_base_id}", async ([Microsoft.AspNetCore.Mvc.FromRoute(Name = "knowledge_base_id")] string id, HttpContext context, ApiCall api, KnowledgeBaseStore store) =>
            {
                var (caller, body) = await api.ReadAsync(context, apiKeyOnly: true);
                var request = KnowledgeBaseRequest.Read(body, creating: false);
                return Envelope.Success(KnowledgeBaseWire.Of(store.Update(caller.Key, id, request.Name, request.Opening, request.Prompt)));
            })
            .WithName("UpdateKnowledgeBase").WithTags("Knowledge bases").WithSummary("Change a knowledge base's name, opening or prompt.")
            .AcceptsJson<KnowledgeBaseRequest>().Produces<SuccessEnvelope<KnowledgeBaseWire>>().Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(404);

        v1.MapPost("/streaming/knowledge_base/{knowledge_base_id}/delete", ([Microsoft.AspNetCore.Mvc.FromRoute(Name = "knowledge_base_id")] string id, HttpContext context, ApiCall api, KnowledgeBaseStore store) =>
            {
                var caller = api.Authenticate(context, apiKeyOnly: true);
                store.Delete(caller.Key, id);
                return Envelope.Success<object>(null);
            })
            .WithName("DeleteKnowledgeBase").WithTags("Knowledge bases").WithSummary("Delete a knowledge base.")
            .Produces<SuccessEnvelope<object>>().Produces<ErrorBody>(401).Produces<ErrorBody>(404);
    }
}
