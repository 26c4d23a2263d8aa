using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HeyGenEmulator.Conformance.Adapters;

namespace HeyGenEmulator.Tests;

/// <summary>
/// The kit's built-in csharp client behind the client adapter protocol (docs/client-adapter.md), over real HTTP against
/// the real emulator: what it says about itself, a session driven by commands, the client's errors as results and
/// the adapter's faults as HTTP codes.
/// </summary>
public sealed class AdapterServerTests(TestEmulator emulator) : IClassFixture<TestEmulator>, IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private AdapterServer _server = null!;

    public async Task InitializeAsync() => _server = await AdapterServer.StartAsync(BuiltInAdapters.Describe("csharp"));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_status_names_the_protocol_and_the_capabilities()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("heygen-client-adapter/1", body!["protocol"]!.GetValue<string>());
        Assert.Equal(["rest", "voice-chat"], body["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_session_runs_through_commands_and_the_clients_errors_are_results()
    {
        var client = await CreateClientAsync();
        var early = await CommandAsync(client, "speak", new JsonObject { ["text"] = "Hi" });
        Assert.False(early["ok"]!.GetValue<bool>());

        using var api = emulator.Client();
        var token = await api.CreateTokenAsync();
        var start = await CommandAsync(client, "create_start_avatar", new JsonObject
        {
            ["avatarName"] = "Santa_Fireplace_Front_public", ["quality"] = "low", ["baseUrl"] = emulator.BaseUrl.ToString().TrimEnd('/'), ["token"] = token,
        });
        Assert.True(start["ok"]!.GetValue<bool>(), start.ToJsonString());
        Assert.False(string.IsNullOrEmpty(start["value"]!["sessionId"]!.GetValue<string>()));
        Assert.True(start["settledAt"]!.GetValue<double>() >= start["calledAt"]!.GetValue<double>());

        var speak = await CommandAsync(client, "speak", new JsonObject { ["text"] = "Hello there.", ["taskType"] = "repeat" });
        Assert.True(speak["ok"]!.GetValue<bool>(), speak.ToJsonString());
        Assert.False(string.IsNullOrEmpty(speak["value"]!["taskId"]!.GetValue<string>()));

        Assert.True((await CommandAsync(client, "stop_avatar", []))["ok"]!.GetValue<bool>());
        // The session is gone: the client's APIError, word for word, with the status and body it saw.
        var again = await CommandAsync(client, "keep_alive", []);
        Assert.False(again["ok"]!.GetValue<bool>());
        Assert.Equal("APIError", again["error"]!["name"]!.GetValue<string>());
        Assert.Equal($"API request failed with status {again["error"]!["status"]}", again["error"]!["message"]!.GetValue<string>());
        Assert.NotNull(again["error"]!["body"]);
    }

    [Fact]
    public async Task A_long_poll_without_events_waits_then_answers_empty()
    {
        var client = await CreateClientAsync();
        var started = DateTime.UtcNow;
        var (status, body) = await SendAsync(HttpMethod.Get, $"clients/{client}/events?after=0&waitMs=300");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(290));
        Assert.Empty(body!["events"]!.AsArray());
        Assert.Equal(0, body["next"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("POST", "clients/{id}/commands", """{"command":"fly"}""", 501, "unsupported-command")]
    [InlineData("POST", "clients/{id}/commands", """{"command":"create_start_avatar","args":{"baseUrl":"http://127.0.0.1:1","token":"t"}}""", 400, "invalid-argument")]
    [InlineData("POST", "clients/{id}/commands", """{"command":"create_start_avatar","args":{"avatarName":"a","baseUrl":"http://127.0.0.1:1"}}""", 400, "invalid-argument")]
    [InlineData("POST", "clients/{id}/commands", """{"command":"create_start_avatar","args":{"avatarName":"a","baseUrl":"ftp://x","token":"t"}}""", 400, "invalid-argument")]
    [InlineData("POST", "clients/{id}/commands", """[1]""", 400, "invalid-argument")]
    [InlineData("POST", "clients/{id}/commands", """{"command":"speak","args":[]}""", 400, "invalid-argument")]
    [InlineData("POST", "clients/999/commands", """{"command":"speak"}""", 404, "no-such-client")]
    [InlineData("GET", "clients/{id}/events?after=x", null, 400, "invalid-argument")]
    [InlineData("GET", "clients/999/events", null, 404, "no-such-client")]
    [InlineData("GET", "nowhere", null, 404, "not-found")]
    public async Task Adapter_faults_are_http_codes_with_the_protocols_error(string method, string path, string? body, int expected, string code)
    {
        var client = await CreateClientAsync();
        var (status, reply) = await SendAsync(new HttpMethod(method), path.Replace("{id}", client, StringComparison.Ordinal), body);
        Assert.Equal(expected, (int)status);
        Assert.Equal(code, reply!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_disposes_of_a_client_and_reset_of_all()
    {
        var one = await CreateClientAsync();
        var two = await CreateClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"clients/{one}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"clients/{one}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"clients/{one}/events")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "reset")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"clients/{two}/events")).Status);
    }

    [Fact]
    public async Task Clients_alive_at_once_are_bounded_and_a_delete_makes_room()
    {
        var ids = new List<string>();
        for (int i = 0; i < AdapterServer.MaxClients; i++) ids.Add(await CreateClientAsync());
        var (status, reply) = await SendAsync(HttpMethod.Post, "clients", "{}");
        Assert.Equal(429, (int)status);
        Assert.Equal("too-many-clients", reply!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"clients/{ids[0]}")).Status);
        await CreateClientAsync();
    }

    private async Task<string> CreateClientAsync()
    {
        using var response = await Http.PostAsync(new Uri(_server.Url, "clients"), new StringContent("""{"tag":"unit"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        Assert.Equal($"/clients/{id}", response.Headers.Location!.ToString());
        return id;
    }

    private async Task<JsonNode> CommandAsync(string client, string command, JsonObject args)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"clients/{client}/commands", new JsonObject { ["command"] = command, ["args"] = args }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.Url, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
