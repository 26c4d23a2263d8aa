using System.Net;
using System.Net.Http.Headers;
using HeyGenEmulator.Admin;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Tests.Security;

/// <summary>Emulator:AdminToken: optional on loopback, required beyond it.</summary>
public sealed class AdminTokenTests
{
    private const string Token = "s3cret-admin-token";

    private static readonly string[] Quiet = ["--Emulator:Media:Enabled=false", "--Emulator:Media:UdpPort=0", "--Logging:LogLevel:Default=Warning"];

    [Theory]
    [InlineData("--urls=http://0.0.0.0:0")]
    [InlineData("--urls=http://*:0")]
    [InlineData("--urls=http://127.0.0.1:0;http://[::]:0")]
    [InlineData("--Emulator:Media:BindAddress=0.0.0.0")]
    public void Listening_beyond_loopback_without_a_token_refuses_to_start(string setting)
    {
        var urls = setting.StartsWith("--urls", StringComparison.Ordinal) ? setting : "--urls=http://127.0.0.1:0";
        var e = Assert.Throws<AdminTokenRequiredException>(() => EmulatorApp.Build([urls, .. Quiet, setting]));
        Assert.Contains("Emulator__AdminToken=", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls=http://0.0.0.0:0", "--Emulator:AdminToken=" + Token)]
    [InlineData("--urls=http://localhost:0", "--Emulator:Media:BindAddress=everywhere")]
    [InlineData("--urls=http://[::1]:0", "--Emulator:Media:BindAddress=127.0.0.1")]
    public async Task Loopback_or_a_token_starts(string urls, string setting)
    {
        await using var app = EmulatorApp.Build([urls, .. Quiet, setting]);
        Assert.NotNull(app);
    }

    [Fact]
    public async Task With_a_token_the_admin_API_needs_it_and_the_HeyGen_API_does_not()
    {
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            o.Media = false;
            o.ApiKeys.Add("token-test-key");
            o.Settings["Emulator:AdminToken"] = Token;
        });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        async Task<HttpStatusCode> Health(Action<HttpRequestMessage>? authenticate)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/health");
            authenticate?.Invoke(request);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Health(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong")));
        Assert.Equal(HttpStatusCode.OK, await Health(r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token)));
        Assert.Equal(HttpStatusCode.OK, await Health(r => r.Headers.Add(AdminTokenCheck.HeaderName, Token)));

        using var unmatched = await http.PostAsync("_emulator/nothing-here", null);
        Assert.Equal(HttpStatusCode.Unauthorized, unmatched.StatusCode);
        Assert.Contains("400112", await unmatched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = new HttpRequestMessage(HttpMethod.Get, "v1/streaming.list");
        api.Headers.Add("X-Api-Key", "token-test-key");
        using var listed = await http.SendAsync(api);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
    }
}
