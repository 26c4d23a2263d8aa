using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGen.Client.LiveAvatar;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// LiveAvatar's REST API through <see cref="LiveAvatarClient"/>: raw calls with a chosen credential (the response is
/// then asserted with the HTTP steps), and sessions brought to a state the way a backend and the web SDK do (token
/// with the API key, then start with the session token). Values remembered: {la_session_id}, {la_token}, {ws_url}.
/// </summary>
[Binding]
public sealed class LiveAvatarSteps(KitState kit)
{
    /// <summary>The sandbox's avatar (D-SBX): the one avatar every LiveAvatar account can use.</summary>
    public const string Wayne = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a";

    public static string TokenBody(string mode)
    {
        var body = new JsonObject { ["mode"] = mode, ["avatar_id"] = Wayne };
        if (mode == "FULL") body["avatar_persona"] = new JsonObject { ["language"] = "en" };
        return body.ToJsonString();
    }

    [Given("I use the LiveAvatar {string} key")]
    public void UseKey(string role) => kit.Values["la_role"] = role;

    private string Role => kit.Values.GetValueOrDefault("la_role", "liveavatar");

    [When("I call LiveAvatar {word} {string}")]
    public Task CallWithKey(string method, string path) => Send(method, path, null, LiveAvatarAuth.ApiKey);

    [When("I call LiveAvatar {word} {string} with body:")]
    public Task CallWithKeyAndBody(string method, string path, string body) => Send(method, path, body, LiveAvatarAuth.ApiKey);

    [When("I call LiveAvatar {word} {string} with the session token")]
    public Task CallWithToken(string method, string path) => Send(method, path, null, LiveAvatarAuth.SessionToken);

    [When("I call LiveAvatar {word} {string} with the session token and body:")]
    public Task CallWithTokenAndBody(string method, string path, string body) => Send(method, path, body, LiveAvatarAuth.SessionToken);

    [When("I call LiveAvatar {word} {string} without credentials")]
    public Task CallWithoutCredentials(string method, string path) => Send(method, path, null, LiveAvatarAuth.None);

    [When("I call LiveAvatar {word} {string} without credentials and body:")]
    public Task CallWithoutCredentialsAndBody(string method, string path, string body) => Send(method, path, body, LiveAvatarAuth.None);

    [When("I call LiveAvatar {word} {string} with the Bearer token {string}")]
    public async Task CallWithBearer(string method, string path, string token) =>
        kit.Last = await kit.LiveAvatar(Role).SendAsync(new HttpMethod(method), kit.Expand(path), null, LiveAvatarAuth.None,
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + kit.Expand(token) });

    /// <summary>HeyGen's API called with what a LiveAvatar user holds (the forum's "Error 400112 … with LiveAvatar Full Mode session").</summary>
    [When("I POST HeyGen's {string} with the LiveAvatar session token and body:")]
    public async Task HeyGenWithLiveAvatarToken(string path, string body) =>
        kit.Last = await kit.Client().SendAsync(HttpMethod.Post, kit.Expand(path), kit.Expand(body), Auth.None,
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + kit.Values["la_token"] });

    [When("a browser at {string} sends a CORS preflight to LiveAvatar for POST {string}")]
    public async Task Preflight(string origin, string path) =>
        kit.Last = await kit.LiveAvatar(Role).SendAsync(HttpMethod.Options, kit.Expand(path), null, LiveAvatarAuth.None, new Dictionary<string, string>
        {
            ["Origin"] = origin,
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "authorization,content-type",
        });

    [When("a browser at {string} calls LiveAvatar POST {string} with the session token")]
    public async Task BrowserCall(string origin, string path) =>
        kit.Last = await kit.LiveAvatar(Role).SendAsync(HttpMethod.Post, kit.Expand(path), null, LiveAvatarAuth.SessionToken,
            new Dictionary<string, string> { ["Origin"] = origin });

    [Then("the response is LiveAvatar error {int} {int} {string}")]
    public void Error(int status, int code, string message)
    {
        Assert.True(kit.Response.Status == status, $"Expected status {status}, got {kit.Response.Status}: {kit.Response.Body}");
        var json = kit.Response.Json as JsonObject ?? throw new Xunit.Sdk.XunitException($"The response is not a JSON object: {kit.Response.Body}");
        Assert.Equal(code, json["code"]?.GetValue<int>());
        Assert.Equal(kit.Expand(message), JsonPath.Text(json["message"]));
        Assert.True(json.ContainsKey("data") && json["data"] is null, $"data is not null: {kit.Response.Body}");
    }

    [Then("the response is LiveAvatar success")]
    public void Success()
    {
        Assert.True(kit.Response.IsSuccess, $"Expected a 2xx, got {kit.Response.Status}: {kit.Response.Body}");
        Assert.Equal(LiveAvatarClient.SuccessCode, kit.Field("code")?.GetValue<int>());
        Assert.Equal("success", JsonPath.Text(kit.Field("message")));
    }

    [Then("the response field {string} has an item whose {string} is {string}")]
    public void HasItem(string path, string field, string expected)
    {
        var items = kit.Field(path) as JsonArray ?? throw new Xunit.Sdk.XunitException($"'{path}' is not a list: {kit.Response.Body}");
        Assert.True(items.Any(i => i is JsonObject o && o[field] is JsonValue v && v.ToString() == kit.Expand(expected)),
            $"no item of '{path}' has {field} = {kit.Expand(expected)}: {items.ToJsonString()}");
    }

    [Then("I remember the id of the item of {string} whose {string} is {string} as {string}")]
    public void RememberItem(string path, string field, string expected, string name)
    {
        var items = kit.Field(path) as JsonArray ?? throw new Xunit.Sdk.XunitException($"'{path}' is not a list: {kit.Response.Body}");
        var item = items.OfType<JsonObject>().FirstOrDefault(o => o[field] is JsonValue v && v.ToString() == kit.Expand(expected))
            ?? throw new Xunit.Sdk.XunitException($"no item of '{path}' has {field} = {kit.Expand(expected)}");
        kit.Values[name] = JsonPath.Text(item["id"]);
    }

    [Then("the journal holds neither the LiveAvatar key nor the session token in full")]
    public async Task JournalMasked()
    {
        var journal = await kit.Admin.SendAsync(HttpMethod.Get, "_emulator/journal", null, Auth.None);
        Assert.True(journal.Status == 200, $"journal read failed: {journal.Status} {journal.Body}");
        Assert.DoesNotContain(kit.Target.LiveAvatarKey!, journal.Body);
        Assert.DoesNotContain(kit.Values["la_token"], journal.Body);
    }

    /// <summary>What the web SDK reads from the session token (SDK L817-842): its JWT payload.</summary>
    [Then("the session token's payload field {string} is {string}")]
    public void TokenPayload(string path, string expected)
    {
        var token = JsonPath.Text(kit.Field("data.session_token"));
        var payload = LiveAvatarClient.TokenPayload(token) ?? throw new Xunit.Sdk.XunitException($"the session token is not a JWT: {token}");
        Assert.Equal(kit.Expand(expected), JsonPath.Text(JsonPath.Select(payload, path)));
    }

    private async Task Send(string method, string path, string? body, LiveAvatarAuth auth) =>
        kit.Last = await kit.LiveAvatar(Role).SendAsync(new HttpMethod(method), kit.Expand(path), body is null ? null : kit.Expand(body), auth);

    [Given("a LiveAvatar {word} session token")]
    [When("I create a LiveAvatar {word} session token")]
    public Task Token(string mode) => TokenWith(TokenBody(mode));

    [Given("a LiveAvatar session token with body:")]
    [When("I create a LiveAvatar session token with body:")]
    public async Task TokenWith(string body)
    {
        var client = kit.LiveAvatar(Role);
        var token = await client.CreateSessionTokenAsync(JsonNode.Parse(kit.Expand(body))!.AsObject());
        kit.Values["la_session_id"] = token.SessionId;
        kit.Values["la_token"] = token.SessionToken;
        kit.LiveAvatarOpened.Add((Role, token.SessionId));
    }

    [Given("a started LiveAvatar {word} session")]
    public async Task Started(string mode)
    {
        await Token(mode);
        await Start();
    }

    [Given("a started LiveAvatar session with body:")]
    public async Task StartedWith(string body)
    {
        await TokenWith(body);
        await Start();
    }

    /// <summary>Start as the SDK does: Bearer session token, no body.</summary>
    [Given("the LiveAvatar session is started")]
    [When("the LiveAvatar session is started")]
    public async Task Start()
    {
        var info = await kit.LiveAvatar(Role).StartAsync();
        kit.Values["livekit_url"] = info.LivekitUrl;
        if (info.WsUrl is not null) kit.Values["ws_url"] = info.WsUrl;
    }

    [Given("{int} started LiveAvatar {word} sessions")]
    public async Task ManyStarted(int count, string mode)
    {
        for (var i = 0; i < count; i++) await Started(mode);
    }

    [When("the LiveAvatar session is stopped")]
    [Given("the LiveAvatar session was stopped")]
    public Task Stop() => kit.LiveAvatar(Role).StopAsync();

    [When("the LiveAvatar session is kept alive")]
    [Given("the LiveAvatar session was kept alive")]
    public Task KeepAlive() => kit.LiveAvatar(Role).KeepAliveAsync();

    /// <summary>Where the session is listed: "active", or "historic" with its end reason.</summary>
    [Then("the LiveAvatar session is active")]
    public async Task IsActive()
    {
        var page = await kit.LiveAvatar(Role).ListSessionsAsync("active", pageSize: 100);
        Assert.Contains(page.Results, s => s.Id == kit.Values["la_session_id"]);
    }

    [Then("the LiveAvatar session is historic with end_reason {string}")]
    public async Task IsHistoric(string reason)
    {
        var client = kit.LiveAvatar(Role);
        var id = kit.Values["la_session_id"];
        Assert.DoesNotContain((await client.ListSessionsAsync("active", pageSize: 100)).Results, s => s.Id == id);
        var entry = (await client.ListSessionsAsync("historic", pageSize: 100)).Results.FirstOrDefault(s => s.Id == id)
            ?? throw new Xunit.Sdk.XunitException($"session {id} is not in the historic list");
        Assert.Equal(reason, entry.EndReason);
        Assert.NotNull(entry.EndAt);
    }
}

/// <summary>The LITE session's <c>ws_url</c> socket through <see cref="LiveAvatarLiteSocket"/>.</summary>
[Binding]
public sealed class LiveAvatarSocketSteps(KitState kit) : IAsyncDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);
    private LiveAvatarLiteSocket? _socket;
    private int _refusedStatus;

    private LiveAvatarLiteSocket Socket => _socket ?? throw new InvalidOperationException("No LITE socket is open: add 'When I open the LITE socket'");

    [Given("I open the LITE socket")]
    [When("I open the LITE socket")]
    public async Task Open() => _socket = await LiveAvatarLiteSocket.ConnectAsync(new Uri(kit.Values["ws_url"]));

    /// <summary>The socket path of the current session (one a FULL session has no <c>ws_url</c> for), expecting a refusal.</summary>
    [When("I open the LiveAvatar socket path {string}")]
    public async Task OpenPath(string path)
    {
        var baseUrl = kit.Target.LiveAvatarBaseUrl;
        var uri = new UriBuilder(baseUrl) { Scheme = baseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws", Path = kit.Expand(path) }.Uri;
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            _refusedStatus = 101;
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            _refusedStatus = (int)socket.HttpStatusCode;
        }
    }

    [Then("the LiveAvatar socket upgrade is refused with status {int}")]
    public void Refused(int status) => Assert.Equal(status, _refusedStatus);

    [When("I speak {float} s of audio over the LITE socket with event_id {string}")]
    public Task Speak(double seconds, string eventId) => Socket.SpeakAsync(LiveAvatarLiteSocket.Tone(seconds), kit.Expand(eventId));

    [When("I interrupt over the LITE socket")]
    public Task Interrupt() => Socket.InterruptAsync();

    [When("I send on the LITE socket:")]
    public Task Send(string json) => Socket.SendAsync(JsonNode.Parse(kit.Expand(json))!.AsObject());

    [Given("the LITE socket receives an event with:")]
    [Then("the LITE socket receives an event with:")]
    public async Task Receives(string json)
    {
        var expected = JsonNode.Parse(kit.Expand(json))!;
        var actual = await Socket.NextEventAsync(EventTimeout);
        Assert.True(actual is not null, $"no LITE event within {EventTimeout.TotalSeconds:0} s; expected {expected.ToJsonString()}");
        Assert.True(JsonPath.Includes(actual, expected), $"expected an event with {expected.ToJsonString()}, got {actual.ToJsonString()}");
    }

    [Given("the LITE socket is connected")]
    public async Task Connected()
    {
        Assert.Equal("connecting", (string?)(await Socket.NextEventAsync(EventTimeout))?["state"]);
        Assert.Equal("connected", (string?)(await Socket.NextEventAsync(EventTimeout))?["state"]);
    }

    [Then("the LITE socket is closed with code {int}")]
    public async Task Closed(int code)
    {
        JsonObject? next;
        // Events before the close (the session's closing/closed states) are read past.
        while ((next = await Socket.NextEventAsync(EventTimeout)) is not null && (string?)next["type"] == "session.state_updated") { }
        Assert.True(next is null, $"expected the close, got {next?.ToJsonString()}");
        Assert.Equal(code, (int?)Socket.CloseStatus);
    }


    [AfterScenario]
    public async Task Close()
    {
        if (_socket is null) return;
        await _socket.DisposeAsync();
        _socket = null;
    }

    public async ValueTask DisposeAsync() => await Close();
}
