using System.Security.Cryptography;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Sessions;

/// <summary>One knowledge base: what the avatar opens with and the prompt an LLM would follow (the emulator has none).</summary>
public sealed record KnowledgeBase(string Id, string Name, string Opening, string Prompt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The longest field values a knowledge base takes; HeyGen publishes none, so these are the emulator's.</summary>
public static class KnowledgeBaseLimits
{
    public const int Name = 256;
    public const int Opening = 2000;
    public const int Prompt = 20000;
}

/// <summary>
/// Knowledge bases per API key. A key sees, changes and uses only its own: another key's id is as unknown as one
/// that never existed. Bounded by <c>Emulator:MaxKnowledgeBases</c> per key and the field limits above.
/// </summary>
public sealed class KnowledgeBaseStore(EmulatorClock clock, IOptions<EmulatorOptions> options)
{
    private readonly Dictionary<ApiKey, List<KnowledgeBase>> _byKey = [];
    private readonly object _gate = new();

    public int MaxPerKey => options.Value.MaxKnowledgeBases;

    /// <summary>The key's knowledge bases, oldest first.</summary>
    public IReadOnlyList<KnowledgeBase> List(ApiKey owner)
    {
        lock (_gate) return _byKey.TryGetValue(owner, out var list) ? [.. list] : [];
    }

    public KnowledgeBase? Find(ApiKey owner, string id)
    {
        lock (_gate) return _byKey.TryGetValue(owner, out var list) ? list.Find(kb => kb.Id == id) : null;
    }

    /// <summary>A new knowledge base; 400 400175 when the key already holds <see cref="MaxPerKey"/>.</summary>
    public KnowledgeBase Create(ApiKey owner, string name, string opening, string prompt)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(owner, out var list)) _byKey[owner] = list = [];
            if (list.Count >= MaxPerKey)
                throw HeyGenErrors.InvalidParameter($"this API key already has {MaxPerKey} knowledge bases (the emulator's limit, Emulator:MaxKnowledgeBases); delete one first").ToException();
            var now = clock.GetUtcNow();
            // HeyGen's ids are 32 hex digits, like its avatar and voice ids.
            var kb = new KnowledgeBase(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), name, opening, prompt, now, now);
            list.Add(kb);
            return kb;
        }
    }

    /// <summary>Changes the fields given (null leaves one as it is); 404 when the key has no such knowledge base.</summary>
    public KnowledgeBase Update(ApiKey owner, string id, string? name, string? opening, string? prompt)
    {
        lock (_gate)
        {
            var list = _byKey.GetValueOrDefault(owner);
            var index = list?.FindIndex(kb => kb.Id == id) ?? -1;
            if (index < 0) throw HeyGenErrors.KnowledgeBaseNotFound.ToException();
            var old = list![index];
            var updated = old with { Name = name ?? old.Name, Opening = opening ?? old.Opening, Prompt = prompt ?? old.Prompt, UpdatedAt = clock.GetUtcNow() };
            list[index] = updated;
            return updated;
        }
    }

    /// <summary>Removes it; 404 when the key has no such knowledge base. Sessions already using it keep their opening.</summary>
    public void Delete(ApiKey owner, string id)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(owner, out var list) || list.RemoveAll(kb => kb.Id == id) == 0)
                throw HeyGenErrors.KnowledgeBaseNotFound.ToException();
        }
    }

    public void Clear()
    {
        lock (_gate) _byKey.Clear();
    }
}
