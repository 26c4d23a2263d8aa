using System.Text.Json.Serialization;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// The body of knowledge_base/create and of its update: <c>name</c>, <c>opening</c> (the avatar's opening line),
/// <c>prompt</c> (https://docs.heygen.com/reference/create-a-knowledge-base).
/// </summary>
public sealed record KnowledgeBaseRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("opening")] string? Opening,
    [property: JsonPropertyName("prompt")] string? Prompt)
{
    /// <summary>
    /// Create: <c>name</c> required and not blank (40001); <c>opening</c> and <c>prompt</c> strings, empty when absent.
    /// Update: every field optional, absent ones unchanged. Each is bounded by <see cref="KnowledgeBaseLimits"/> (400175).
    /// </summary>
    public static KnowledgeBaseRequest Read(JsonFields body, bool creating)
    {
        var name = creating ? body.RequiredText("name") : body.String("name");
        if (!creating && name is not null && string.IsNullOrWhiteSpace(name))
            throw Errors.HeyGenErrors.MissingParameter("name").ToException();
        var opening = body.String("opening");
        var prompt = body.String("prompt");
        Limit(name, KnowledgeBaseLimits.Name, "name");
        Limit(opening, KnowledgeBaseLimits.Opening, "opening");
        Limit(prompt, KnowledgeBaseLimits.Prompt, "prompt");
        return creating ? new(name!.Trim(), opening ?? "", prompt ?? "") : new(name?.Trim(), opening, prompt);
    }

    private static void Limit(string? text, int max, string field)
    {
        if (text is not null) TaskLimits.RequireLength(text, max, field);
    }
}
