using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>Getting a session into a given state the way the official SDK does: token, streaming.new, streaming.start.</summary>
[Binding]
public sealed class SessionSteps(KitState kit)
{
    /// <summary>The SDK 2.x body for createStartAvatar({avatarName, quality: low}).</summary>
    public const string DefaultNewBody = """{"avatar_name":"Santa_Fireplace_Front_public","quality":"low","voice":{},"version":"v2","video_encoding":"H264","source":"sdk"}""";

    [Given("I have a session token")]
    public async Task HaveToken()
    {
        var client = kit.Client();
        var response = await client.SendAsync(HttpMethod.Post, "v1/streaming.create_token", null, Auth.ApiKey);
        Assert.True(response.Status == 200, $"create_token failed: {response.Status} {response.Body}");
        client.SessionToken = kit.Values["token"] = response.Data!["token"]!.GetValue<string>();
    }

    [Given("a new session")]
    public Task NewSession() => NewSessionWith(DefaultNewBody);

    [Given("a new session with body:")]
    public async Task NewSessionWith(string body)
    {
        await HaveToken();
        var response = await kit.Client().SendAsync(HttpMethod.Post, "v1/streaming.new", kit.Expand(body), Auth.SessionToken);
        Assert.True(response.Status == 200, $"streaming.new failed: {response.Status} {response.Body}");
        var id = response.Data!["session_id"]!.GetValue<string>();
        kit.Values["session_id"] = id;
        kit.Values[$"{kit.CurrentRole}_session_id"] = id;
        if (response.Data["realtime_endpoint"]?.GetValue<string>() is { } realtime) kit.Values["realtime_endpoint"] = realtime;
        kit.Opened.Add((kit.CurrentRole, id));
        kit.Last = response;
    }

    [Given("a started session")]
    public Task StartedSession() => StartedSessionWith(DefaultNewBody);

    [Given("a started session with body:")]
    public async Task StartedSessionWith(string body)
    {
        await NewSessionWith(body);
        await Call("streaming.start");
    }

    [Given("a stopped session")]
    public async Task StoppedSession()
    {
        await StartedSession();
        await Call("streaming.stop");
    }

    [Given("the {string} key has a started session")]
    public async Task KeyHasSession(string role)
    {
        var previous = kit.CurrentRole;
        kit.CurrentRole = role;
        try { await StartedSession(); }
        finally { kit.CurrentRole = previous; }
        // The scenario's own session (if any) stays the default placeholder.
        if (kit.Values.TryGetValue($"{previous}_session_id", out var own)) kit.Values["session_id"] = own;
    }

    [Given("{int} started sessions")]
    public async Task ManySessions(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var client = kit.Client();
            client.SessionToken = null;
            await StartedSession();
        }
    }

    [Then("the session state is {string}")]
    public async Task SessionState(string state)
    {
        var id = kit.Values["session_id"];
        Assert.Equal(state, await OpenStatus(id) ?? await ClosedStatus(id));
    }

    /// <summary>The session's status in streaming.list (open sessions only), or null when it is not listed there.</summary>
    private async Task<string?> OpenStatus(string id)
    {
        var list = await kit.Client().SendAsync(HttpMethod.Get, "v1/streaming.list", null, Auth.ApiKey);
        Assert.True(list.Status == 200, $"streaming.list failed: {list.Status} {list.Body}");
        var entry = list.Data?["sessions"]?.AsArray().FirstOrDefault(s => s?["session_id"]?.GetValue<string>() == id);
        return entry?["status"]?.GetValue<string>();
    }

    /// <summary>
    /// A session missing from streaming.list must be in the v2 history as closed: absence alone would pass for an id
    /// that never existed. The history is newest first, and a scenario's session is among its latest.
    /// </summary>
    private async Task<string> ClosedStatus(string id)
    {
        var history = await kit.Client().SendAsync(HttpMethod.Get, "v2/streaming.list?page_size=100", null, Auth.ApiKey);
        Assert.True(history.Status == 200, $"v2 streaming.list failed: {history.Status} {history.Body}");
        var entry = history.Data?["data"]?.AsArray().FirstOrDefault(s => s?["session_id"]?.GetValue<string>() == id)
            ?? throw new Xunit.Sdk.XunitException($"session {id} is neither in streaming.list nor in the v2 history");
        return entry["status"]!.GetValue<string>();
    }

    private async Task Call(string endpoint)
    {
        var response = await kit.Client().SendAsync(HttpMethod.Post, $"v1/{endpoint}", $"{{\"session_id\":\"{kit.Values["session_id"]}\"}}", Auth.SessionToken);
        Assert.True(response.Status == 200, $"{endpoint} failed: {response.Status} {response.Body}");
    }
}
