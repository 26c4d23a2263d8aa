using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// Knowledge bases and voices through the C# client's typed calls (clients/HeyGen.Client), as an app would make them;
/// the official JS SDK has no such calls, so these scenarios run with the <c>csharp</c> client. Failures are kept as
/// the raw response, so the HTTP steps' error assertions apply to them.
/// </summary>
[Binding]
public sealed class KnowledgeBaseSteps(KitState kit)
{
    private readonly List<(string Role, string Id)> _created = [];
    private IReadOnlyList<KnowledgeBase> _listed = [];
    private IReadOnlyList<VoiceInfo> _voices = [];

    [Given("the client has created the knowledge base {string} with opening {string} and prompt {string}")]
    [When("the client creates the knowledge base {string} with opening {string} and prompt {string}")]
    public async Task Create(string name, string opening, string prompt)
    {
        var kb = await Call(client => client.CreateKnowledgeBaseAsync(name, opening, prompt));
        if (kb is null) return;
        _created.Add((kit.CurrentRole, kb.Id));
        kit.Values["knowledge_base_id"] = kit.Values[$"{kit.CurrentRole}_knowledge_base_id"] = kb.Id;
    }

    [Given("the {string} key has the knowledge base {string}")]
    public async Task OtherKeyCreates(string role, string name)
    {
        var previous = kit.CurrentRole;
        kit.CurrentRole = role;
        try { await Create(name, "", ""); }
        finally { kit.CurrentRole = previous; }
        Assert.True(kit.LastClientError is null, $"creating the {role} key's knowledge base failed: {kit.Last?.Body}");
    }

    [When("the client updates the knowledge base's {word} to {string}")]
    public Task Update(string field, string value) => Call(client => client.UpdateKnowledgeBaseAsync(kit.Values["knowledge_base_id"], field switch
    {
        "name" => new KnowledgeBaseFields(Name: value),
        "opening" => new KnowledgeBaseFields(Opening: value),
        "prompt" => new KnowledgeBaseFields(Prompt: value),
        _ => throw new ArgumentException($"no knowledge-base field {field}"),
    }));

    [When("the client deletes the knowledge base {string}")]
    public Task Delete(string id) => Call(async client =>
    {
        await client.DeleteKnowledgeBaseAsync(kit.Expand(id));
        return id;
    });

    [When("the client lists its knowledge bases")]
    public async Task List() => _listed = await Call(client => client.ListKnowledgeBasesAsync()) ?? [];

    [Then("the client's knowledge bases are:")]
    public void Listed(Table expected)
    {
        var rows = expected.Rows.ToList();
        Assert.True(rows.Count == _listed.Count, $"expected {rows.Count} knowledge bases, got {_listed.Count}: {string.Join(", ", _listed.Select(k => k.Name))}");
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var (field, value) in rows[i])
                Assert.Equal(kit.Expand(value), field switch
                {
                    "id" => _listed[i].Id,
                    "name" => _listed[i].Name,
                    "opening" => _listed[i].Opening,
                    "prompt" => _listed[i].Prompt,
                    _ => throw new ArgumentException($"no knowledge-base field {field}"),
                });
            Assert.True(_listed[i].CreatedAt > 1_600_000_000 && _listed[i].UpdatedAt >= _listed[i].CreatedAt,
                $"created_at {_listed[i].CreatedAt} / updated_at {_listed[i].UpdatedAt} are not unix seconds in order");
        }
    }

    [Then("the client's call succeeds")]
    public void Succeeded() => Assert.True(kit.LastClientError is null, $"the call failed: {kit.Last?.Status} {kit.Last?.Body}");

    [When("the client lists the voices")]
    public async Task Voices() => _voices = await Call(client => client.ListVoicesAsync()) ?? [];

    [Then("the voices include {string} named {string} in {string}, {string}")]
    public void VoiceListed(string id, string name, string language, string gender)
    {
        var voice = _voices.FirstOrDefault(v => v.VoiceId == id) ?? throw new Xunit.Sdk.XunitException(
            $"no voice {id} among {string.Join(", ", _voices.Select(v => v.VoiceId))}");
        Assert.Equal((name, language, gender), (voice.Name, voice.Language, voice.Gender));
    }

    /// <summary>A typed call; a HeyGen error is kept as the response (status and body) for the error steps.</summary>
    private async Task<T?> Call<T>(Func<HeyGenClient, Task<T>> call) where T : class
    {
        try
        {
            var result = await call(kit.Client());
            kit.LastClientError = null;
            return result;
        }
        catch (HeyGenApiException e)
        {
            kit.LastClientError = e;
            kit.Last = new ApiResponse(e.Status, e.ResponseText, new Dictionary<string, string>());
            return null;
        }
    }

    /// <summary>Knowledge bases outlive sessions on the live API: remove what the scenario made.</summary>
    [AfterScenario]
    public async Task DeleteCreated()
    {
        foreach (var (role, id) in _created)
        {
            try { await kit.Client(role).DeleteKnowledgeBaseAsync(id); }
            catch (Exception e) when (e is HeyGenApiException or HttpRequestException)
            {
                // Already deleted by the scenario, or the target is gone.
            }
        }
    }
}
