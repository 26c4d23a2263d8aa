using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>Raw HTTP steps: any call, any body, and assertions on the exact status and body.</summary>
[Binding]
public sealed class HttpSteps(KitState kit)
{
    [Given("I use the {string} API key")]
    public void UseKey(string role) => kit.CurrentRole = role;

    [When("I POST {string} with body:")]
    public Task Post(string path, string body) => Send(HttpMethod.Post, path, body, Auth.SessionTokenElseApiKey);

    [When("I POST {string} with the API key and body:")]
    public Task PostWithApiKey(string path, string body) => Send(HttpMethod.Post, path, body, Auth.ApiKey);

    [When("I POST {string} with the session token and body:")]
    public Task PostWithToken(string path, string body) => Send(HttpMethod.Post, path, body, Auth.SessionToken);

    [When("I POST {string} without credentials and body:")]
    public Task PostWithoutCredentials(string path, string body) => Send(HttpMethod.Post, path, body, Auth.None);

    [When("I POST {string} with no body")]
    public Task PostEmpty(string path) => Send(HttpMethod.Post, path, null, Auth.SessionTokenElseApiKey);

    [When("I POST {string} with content type {string} and body:")]
    public Task PostWithContentType(string path, string contentType, string body) => Send(HttpMethod.Post, path, body, Auth.SessionTokenElseApiKey, contentType);

    [When("I POST {string} with a body of {int} bytes")]
    public Task PostLarge(string path, int size) =>
        Send(HttpMethod.Post, path, "{\"text\":\"" + new string('a', Math.Max(0, size - 11)) + "\"}", Auth.SessionTokenElseApiKey);

    [When("I POST {string} for the session with a text of {int} characters")]
    public Task PostLongText(string path, int length) =>
        Send(HttpMethod.Post, path, "{\"session_id\":\"{session_id}\",\"text\":\"" + new string('a', length) + "\"}", Auth.SessionTokenElseApiKey);

    [When("I GET {string}")]
    public Task Get(string path) => Send(HttpMethod.Get, path, null, Auth.ApiKey);

    [When("I GET {string} without credentials")]
    public Task GetWithoutCredentials(string path) => Send(HttpMethod.Get, path, null, Auth.None);

    [When("I send {word} {string} with header {string} set to {string}")]
    public Task SendWithHeader(string method, string path, string header, string value) =>
        Send(new HttpMethod(method), path, method == "POST" ? "{}" : null, Auth.None, headers: new Dictionary<string, string> { [header] = kit.Expand(value) });

    [When("a browser at {string} sends a CORS preflight for POST {string}")]
    public Task Preflight(string origin, string path) =>
        Send(HttpMethod.Options, path, null, Auth.None, headers: new Dictionary<string, string>
        {
            ["Origin"] = origin,
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "authorization,content-type",
        });

    [Then("the response status is {int}")]
    public void Status(int status) =>
        Assert.True(kit.Response.Status == status, $"Expected status {status}, got {kit.Response.Status}: {kit.Response.Body}");

    [Then("the response body is:")]
    public void Body(string expected)
    {
        var want = JsonNode.Parse(kit.Expand(expected));
        var got = kit.Response.Json ?? throw new Xunit.Sdk.XunitException($"The response is not JSON: {kit.Response.Body}");
        Assert.True(JsonPath.SemanticallyEqual(want, got), $"Expected body\n{want?.ToJsonString()}\nbut got\n{kit.Response.Body}");
    }

    [Then("the response is HeyGen error {int} {int} {string}")]
    public void Error(int status, int code, string message)
    {
        Status(status);
        Assert.Equal(code, kit.Field("code")?.GetValue<int>());
        Assert.Equal(kit.Expand(message), JsonPath.Text(kit.Field("message")));
    }

    [Then("the response is HeyGen error {int} {int} starting with {string}")]
    public void ErrorStartingWith(int status, int code, string prefix)
    {
        Status(status);
        Assert.Equal(code, kit.Field("code")?.GetValue<int>());
        var message = JsonPath.Text(kit.Field("message"));
        Assert.True(message.StartsWith(prefix, StringComparison.Ordinal), $"message '{message}' does not start with '{prefix}'");
    }

    [Then("the response field {string} is {string}")]
    public void FieldIs(string path, string expected) => Assert.Equal(kit.Expand(expected), JsonPath.Text(kit.Field(path)));

    [Then("the response field {string} is the number {float}")]
    public void FieldIsNumber(string path, double expected) => Assert.Equal(expected, kit.Field(path)!.GetValue<double>(), 6);

    [Then("the response field {string} is null")]
    public void FieldIsNull(string path) => Assert.Null(kit.Field(path));

    [Then("^the response field \"([^\"]*)\" is (true|false)$")]
    public void FieldIsBoolean(string path, string literal) => Assert.Equal(literal, JsonPath.Text(kit.Field(path)));

    [Then("the response field {string} matches {string}")]
    public void FieldMatches(string path, string pattern)
    {
        var text = JsonPath.Text(kit.Field(path));
        pattern = kit.Expand(pattern);
        Assert.True(Regex.IsMatch(text, pattern), $"'{path}' = '{text}' does not match /{pattern}/");
    }

    [Then("the response field {string} is an integer")]
    public void FieldIsInteger(string path)
    {
        var node = kit.Field(path);
        Assert.True(node is JsonValue value && value.TryGetValue<long>(out _), $"'{path}' is {node?.ToJsonString() ?? "missing"}, not a JSON integer");
    }

    [Then("the response field {string} is a positive number")]
    public void FieldPositive(string path) => Assert.True(kit.Field(path)!.GetValue<double>() > 0, $"{path} is not positive");

    [Then("^the response field \"([^\"]*)\" has (\\d+) items?$")]
    public void FieldCount(string path, int count) => Assert.Equal(count, kit.Field(path)!.AsArray().Count);

    [Then("the response has no field {string}")]
    public void NoField(string path) => Assert.False(JsonPath.Has(kit.Response.Json, path), $"unexpected field {path}");

    [Then("the response header {string} is {string}")]
    public void Header(string name, string value)
    {
        Assert.True(kit.Response.Headers.TryGetValue(name, out var actual), $"no header {name}");
        Assert.Equal(value, actual);
    }

    [Then("the response header {string} is present")]
    public void HeaderPresent(string name) => Assert.True(kit.Response.Headers.ContainsKey(name), $"no header {name}");

    [Then("the response header {string} is absent")]
    public void HeaderAbsent(string name) => Assert.False(kit.Response.Headers.ContainsKey(name), $"unexpected header {name}");

    [Then("I remember the response field {string} as {string}")]
    public void Remember(string path, string name) => kit.Values[name] = JsonPath.Text(kit.Field(path));

    private async Task Send(HttpMethod method, string path, string? body, Auth auth, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = kit.Client();
        kit.Last = await client.SendAsync(method, kit.Expand(path), body is null ? null : kit.Expand(body), auth, headers, contentType);
        // Track anything that created a session, so the after-hook stops it.
        if (kit.Last.IsSuccess && path.EndsWith("streaming.new", StringComparison.Ordinal) && kit.Last.Data?["session_id"] is JsonValue id)
        {
            kit.Values["session_id"] = id.GetValue<string>();
            kit.Opened.Add((kit.CurrentRole, id.GetValue<string>()));
        }
    }
}

/// <summary>Repeated calls and comparisons of their outcomes (for seeded, probabilistic faults).</summary>
[Binding]
public sealed class RepeatSteps(KitState kit)
{
    [When("I POST {string} {int} times and remember the statuses as {string}")]
    public async Task Repeat(string path, int times, string name)
    {
        var statuses = new List<int>();
        for (var i = 0; i < times; i++)
            statuses.Add((await kit.Client().SendAsync(HttpMethod.Post, kit.Expand(path), null, Auth.ApiKey)).Status);
        kit.Values[name] = string.Join(",", statuses);
    }

    [Then("the statuses {string} and {string} are the same")]
    public void Same(string first, string second) => Assert.Equal(kit.Values[first], kit.Values[second]);

    [Then("the statuses {string} include {int} and {int}")]
    public void Include(string name, int a, int b)
    {
        var statuses = kit.Values[name].Split(',').Select(int.Parse).ToList();
        Assert.Contains(a, statuses);
        Assert.Contains(b, statuses);
    }
}
