using System.Text.Json.Serialization;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

// Knowledge-base answers. HeyGen's docs confirm data.id on create (heygen-wire.md, corrections); public clients read the
// list as data.list with id, name, opening, prompt; the timestamps are unix seconds like every other streaming list.

public sealed record KnowledgeBaseWire(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("opening")] string Opening,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("updated_at")] long UpdatedAt)
{
    public static KnowledgeBaseWire Of(KnowledgeBase kb) =>
        new(kb.Id, kb.Name, kb.Opening, kb.Prompt, kb.CreatedAt.ToUnixTimeSeconds(), kb.UpdatedAt.ToUnixTimeSeconds());
}

public sealed record KnowledgeBaseList([property: JsonPropertyName("list")] IReadOnlyList<KnowledgeBaseWire> List);
