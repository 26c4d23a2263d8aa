using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Sessions;

/// <summary>One link of a context: a page the LLM may cite, with its FAQ text (OAS <c>{url, faq, id?}</c>).</summary>
public sealed record LiveAvatarContextLink(string Url, string Faq, string Id);

/// <summary>LiveAvatar's context (the successor of HeyGen's knowledge base): what the avatar opens with and the prompt an LLM would follow.</summary>
public sealed record LiveAvatarContext(string Id, string Name, string Prompt, string OpeningText, IReadOnlyList<LiveAvatarContextLink> Links,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The changes a PATCH asks for; null leaves a field as it is.</summary>
public sealed record LiveAvatarContextChanges(string? Name, string? Prompt, string? OpeningText, IReadOnlyList<LiveAvatarContextLink>? Links);

/// <summary>
/// Contexts per LiveAvatar key, kept as <see cref="KnowledgeBaseStore"/> keeps knowledge bases: a key sees, changes
/// and uses only its own (another key's id is as unknown as one that never existed), at most
/// <c>Emulator:MaxKnowledgeBases</c> per key, fields bounded by <see cref="KnowledgeBaseLimits"/>.
/// </summary>
public sealed class LiveAvatarContexts(EmulatorClock clock, IOptions<EmulatorOptions> options)
{
    /// <summary>Links per context; LiveAvatar publishes no limit, this one is the emulator's.</summary>
    public const int MaxLinks = 20;

    private readonly Dictionary<ApiKey, List<LiveAvatarContext>> _byKey = [];
    private readonly object _gate = new();

    public int MaxPerKey => options.Value.MaxKnowledgeBases;

    /// <summary>The key's contexts, newest first.</summary>
    public IReadOnlyList<LiveAvatarContext> List(ApiKey owner)
    {
        lock (_gate) return _byKey.TryGetValue(owner, out var list) ? [.. Enumerable.Reverse(list)] : [];
    }

    public LiveAvatarContext? Find(ApiKey owner, string id)
    {
        lock (_gate) return _byKey.TryGetValue(owner, out var list) ? list.Find(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) : null;
    }

    public LiveAvatarContext Create(ApiKey owner, string name, string prompt, string openingText, IReadOnlyList<LiveAvatarContextLink> links)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(owner, out var list)) _byKey[owner] = list = [];
            if (list.Count >= MaxPerKey)
                throw LiveAvatarErrors.BadRequest($"This API key already has {MaxPerKey} contexts (the emulator's limit, Emulator:MaxKnowledgeBases); delete one first").ToException();
            var now = clock.GetUtcNow();
            var context = new LiveAvatarContext(Guid.NewGuid().ToString(), name, prompt, openingText, links, now, now);
            list.Add(context);
            return context;
        }
    }

    public LiveAvatarContext Update(ApiKey owner, string id, LiveAvatarContextChanges changes)
    {
        lock (_gate)
        {
            var list = _byKey.GetValueOrDefault(owner);
            var index = list?.FindIndex(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) ?? -1;
            if (index < 0) throw NotFound.ToException();
            var old = list![index];
            var updated = old with
            {
                Name = changes.Name ?? old.Name,
                Prompt = changes.Prompt ?? old.Prompt,
                OpeningText = changes.OpeningText ?? old.OpeningText,
                Links = changes.Links ?? old.Links,
                UpdatedAt = clock.GetUtcNow(),
            };
            list[index] = updated;
            return updated;
        }
    }

    /// <summary>Removes it. Sessions already created with it keep their opening.</summary>
    public void Delete(ApiKey owner, string id)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(owner, out var list) || list.RemoveAll(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) == 0)
                throw NotFound.ToException();
        }
    }

    public static HeyGenError NotFound => LiveAvatarErrors.NotFound("Context");

    public void Clear()
    {
        lock (_gate) _byKey.Clear();
    }
}
