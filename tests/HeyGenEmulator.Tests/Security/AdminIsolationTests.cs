using System.Net;
using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Tests.Security;

/// <summary>One emulator on loopback, no admin token: what a web page the developer visits can and cannot do to it.</summary>
public sealed class AdminIsolationFixture : IAsyncLifetime
{
    public const string Key = "isolation-key";
    public EmulatorHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o =>
        {
            o.Media = false;
            o.ApiKeys.Add($"{Key}:paid");
            o.Settings["Emulator:AllowedHosts:0"] = "emulator.test";
            o.Settings["Emulator:AllowedHosts:1"] = "*.wild.test";
            o.Settings["Emulator:PublicBaseUrl"] = "http://public.test:8787";
        });
        Http.BaseAddress = Host.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class AdminIsolationTests(AdminIsolationFixture emulator) : IClassFixture<AdminIsolationFixture>
{
    private const string Evil = "https://evil.example";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? host = null, string? origin = null, bool preflight = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (host is not null) request.Headers.Host = host;
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (preflight) request.Headers.Add("Access-Control-Request-Method", "POST");
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await emulator.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("_emulator/reset")]
    [InlineData("_emulator/faults")]
    [InlineData("_emulator/ui")]
    public async Task A_preflight_from_another_site_gets_no_CORS_grant_for_the_admin_API(string path)
    {
        using var response = await SendAsync(HttpMethod.Options, path, origin: Evil, preflight: true);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{path}: {response.StatusCode} granted CORS");
    }

    [Fact]
    public async Task A_read_from_another_site_gets_no_CORS_grant_for_the_admin_API()
    {
        using var response = await SendAsync(HttpMethod.Get, "_emulator/journal", origin: Evil);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("v1/streaming.new")]
    [InlineData("v2/streaming.list")]
    public async Task The_HeyGen_API_still_answers_browser_preflights(string path)
    {
        using var response = await SendAsync(HttpMethod.Options, path, origin: Evil, preflight: true);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_reset_under_a_foreign_Host_is_refused_and_the_sessions_survive()
    {
        using var client = new HeyGenClient(emulator.Host.BaseUrl, AdminIsolationFixture.Key);
        var session = await client.NewSessionAsync(new NewSessionRequest());

        using var refused = await SendAsync(HttpMethod.Post, "_emulator/reset", host: "evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(40003, body["code"]!.GetValue<int>());
        Assert.StartsWith("Host 'evil.example' is not allowed", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using var sessions = await SendAsync(HttpMethod.Get, "_emulator/sessions");
        Assert.Contains(session.SessionId, await sessions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await client.StopAsync(session.SessionId);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("wild.test")]
    [InlineData("10.1.2.3")]
    public async Task Every_route_refuses_a_foreign_Host(string host)
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/streaming.list", host: host);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(40003, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("app.localhost:3000")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]:8787")]
    [InlineData("emulator.test")]
    [InlineData("EMULATOR.test:8787")]
    [InlineData("a.wild.test")]
    [InlineData("public.test:8787")]
    public async Task Loopback_localhost_and_configured_hosts_are_answered(string host)
    {
        using var response = await SendAsync(HttpMethod.Get, "_emulator/health", host: host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
