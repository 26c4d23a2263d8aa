using System.Text.Json;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// The body of <c>POST /v1/contexts</c> and <c>PATCH /v1/contexts/{id}</c>: <c>{name, prompt, opening_text,
/// links?: [{url, faq, id?}]}</c> (OAS). Create needs the three texts, a patch any of them; unknown fields are dropped
/// (PROBE). A missing or mistyped field is LiveAvatar's 422 4000, naming it as FastAPI does ("body.name: Field required").
/// </summary>
public static class ContextRequest
{
    public static LiveAvatarContextChanges Read(JsonFields body, bool creating) => LiveAvatarCall.Validated(() =>
    {
        var name = Text(body, "name", KnowledgeBaseLimits.Name, creating);
        var prompt = Text(body, "prompt", KnowledgeBaseLimits.Prompt, creating);
        var opening = Text(body, "opening_text", KnowledgeBaseLimits.Opening, creating);
        if (name is not null && string.IsNullOrWhiteSpace(name)) throw Invalid("body.name: String should have at least 1 character");
        return new LiveAvatarContextChanges(name?.Trim(), prompt, opening, Links(body));
    });

    private static string? Text(JsonFields body, string field, int max, bool required)
    {
        var text = body.String(field);
        if (text is null && required) throw Invalid($"body.{field}: Field required");
        if (text is not null) TaskLimits.RequireLength(text, max, field);
        return text;
    }

    private static List<LiveAvatarContextLink>? Links(JsonFields body)
    {
        if (!body.Element.TryGetProperty("links", out var links) || links.ValueKind == JsonValueKind.Null) return null;
        if (links.ValueKind != JsonValueKind.Array) throw Invalid("body.links: Input should be a valid list");
        if (links.GetArrayLength() > LiveAvatarContexts.MaxLinks)
            throw Invalid($"body.links: List should have at most {LiveAvatarContexts.MaxLinks} items (the emulator's limit)");
        var result = new List<LiveAvatarContextLink>();
        var index = 0;
        foreach (var item in links.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw Invalid($"body.links.{index}: Input should be a valid dictionary");
            var link = new JsonFields(item, $"links.{index}");
            var url = link.String("url") ?? throw Invalid($"body.links.{index}.url: Field required");
            var faq = link.String("faq") ?? "";
            TaskLimits.RequireLength(url, 2048, "url");
            TaskLimits.RequireLength(faq, KnowledgeBaseLimits.Opening, "faq");
            result.Add(new LiveAvatarContextLink(url, faq, link.String("id") ?? Guid.NewGuid().ToString()));
            index++;
        }
        return result;
    }

    private static HeyGenException Invalid(string detail) => LiveAvatarErrors.Validation(detail).ToException();
}
