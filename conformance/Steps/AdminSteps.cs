using System.Text.Json.Nodes;
using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>The emulator's admin API: clock, faults, journal (scenarios tagged @emulator-only).</summary>
[Binding]
public sealed class AdminSteps(KitState kit)
{
    [When("the emulator clock advances by {int} seconds")]
    [Given("the emulator clock has advanced by {int} seconds")]
    public async Task Advance(int seconds)
    {
        var response = await kit.Admin.SendAsync(HttpMethod.Post, "_emulator/clock/advance", $"{{\"seconds\":{seconds}}}", Auth.None);
        Assert.True(response.Status == 200, $"clock advance failed: {response.Status} {response.Body}");
    }

    [Given("the emulator injects the fault:")]
    [When("the emulator injects the fault:")]
    public async Task InjectFault(string fault)
    {
        var response = await kit.Admin.SendAsync(HttpMethod.Post, "_emulator/faults", kit.Expand(fault), Auth.None);
        Assert.True(response.Status == 201, $"fault injection failed: {response.Status} {response.Body}");
    }

    [When("I call the admin API {word} {string}")]
    public async Task AdminCall(string method, string path) =>
        kit.Last = await kit.Admin.SendAsync(new HttpMethod(method), kit.Expand(path).TrimStart('/'), method == "POST" ? "{}" : null, Auth.None);

    [When("I call the admin API {word} {string} with body:")]
    public async Task AdminCallWithBody(string method, string path, string body) =>
        kit.Last = await kit.Admin.SendAsync(new HttpMethod(method), kit.Expand(path).TrimStart('/'), kit.Expand(body), Auth.None);

    [Then("the journal's last {string} call has status {int}")]
    public async Task JournalLast(string endpoint, int status)
    {
        var entry = await LastJournalEntry(endpoint);
        Assert.Equal(status, entry["status"]!.GetValue<int>());
    }

    [Then("the journal's last {string} call recorded the response body:")]
    public async Task JournalResponse(string endpoint, string body)
    {
        var entry = await LastJournalEntry(endpoint);
        Assert.True(JsonPath.SemanticallyEqual(JsonNode.Parse(kit.Expand(body)), entry["response"]), $"journal response was {entry["response"]?.ToJsonString()}");
    }

    [Then("the journal's last {string} call has field {string} matching {string}")]
    public async Task JournalField(string endpoint, string path, string pattern)
    {
        var entry = await LastJournalEntry(endpoint);
        var text = JsonPath.Text(JsonPath.Select(entry, path));
        Assert.Matches(kit.Expand(pattern), text);
    }

    [Then("the journal's last {string} call took at least {int} ms")]
    public async Task JournalDuration(string endpoint, int ms)
    {
        var entry = await LastJournalEntry(endpoint);
        var took = entry["duration_ms"]!.GetValue<double>();
        Assert.True(took >= ms, $"{endpoint} took {took} ms");
    }

    [Then("the journal contains no full API key or token")]
    public async Task JournalMasked()
    {
        var journal = await Journal();
        foreach (var secret in kit.Target.Keys.Values.Concat(kit.Values.Where(v => v.Key == "token").Select(v => v.Value)))
            Assert.DoesNotContain(secret, journal.Body);
    }

    private async Task<JsonObject> LastJournalEntry(string endpoint)
    {
        var journal = await Journal();
        var entry = journal.Json!.AsArray().LastOrDefault(e => e!["path"]!.GetValue<string>().Split('?')[0].EndsWith(endpoint, StringComparison.Ordinal));
        return entry?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no journal entry for {endpoint}");
    }

    /// <summary>The journal, or a failure: asserting on the body of an error page would test nothing.</summary>
    private async Task<ApiResponse> Journal()
    {
        var journal = await kit.Admin.SendAsync(HttpMethod.Get, "_emulator/journal", null, Auth.None);
        Assert.True(journal.Status == 200, $"journal read failed: {journal.Status} {journal.Body}");
        return journal;
    }
}
