using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// Issue 12's proof, the edges: the sandbox ends by itself after <c>Emulator:LiveAvatar:SandboxSessionSeconds</c> on
/// the emulator clock (the SDK hears <c>session.stopped</c> and disconnects SERVER_INITIATED, L1111-1115), and errors
/// as a page sees them across origins: the SDK's <c>SessionApiError</c> for a bad token, the backend call's 401/403
/// and 422 bodies, and a repeated stop.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class LiveAvatarLimitsTests(SdkKit kit, ITestOutputHelper output)
{
    [Fact]
    public async Task A_sandbox_session_ends_itself_after_its_limit_on_the_emulator_clock_and_the_SDK_disconnects_SERVER_INITIATED()
    {
        var (page, sessionId) = await LiveAvatarFullTests.StartedAsync(kit, LiveAvatarFullTests.FullBody(sandbox: true));
        await using var _ = page;
        await kit.AdvanceClockAsync(30);
        await Task.Delay(500);
        Assert.Equal("CONNECTED", (await page.StatsAsync()).GetProperty("state").GetString());

        await kit.AdvanceClockAsync(31);
        var stopped = await page.WaitForEventAsync("session.stopped", TimeSpan.FromSeconds(5));
        var disconnected = await page.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));
        output.WriteLine($"sandbox: session.stopped {stopped.Detail}, disconnected {disconnected.Detail}");
        Assert.Equal("SERVER_INITIATED", disconnected.Detail.GetString());
        Assert.Equal("DISCONNECTED", (await page.StatsAsync()).GetProperty("state").GetString());
        Assert.Equal(sessionId, stopped.Detail.GetProperty("session_id").GetString());

        var entry = (await kit.LiveAvatarGetAsync($"/v1/sessions/{sessionId}"))["data"]!;
        Assert.True(entry["is_sandbox"]!.GetValue<bool>());
        Assert.Equal("MAX_DURATION_REACHED", entry["end_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_SDK_with_a_forged_token_fails_start_with_the_401_as_a_SessionApiError_and_disconnects_SESSION_START_FAILED()
    {
        await using var page = await kit.OpenLiveAvatarAsync();
        // A well-formed JWT the emulator never issued.
        var forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdGFydF9zZXNzaW9uX2RhdGEiOnsibW9kZSI6IkZVTEwifX0.c2lnbmF0dXJl";
        var result = await page.StartAsync(forged, kit.EmulatorUrl);
        Assert.False(result.Ok);
        Assert.Equal("Invalid authentication credentials", result.Error!.Message);
        Assert.Equal(401, result.Error.Status);
        Assert.Equal(4001, result.Error.ErrorCode);
        var disconnected = await page.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));
        Assert.Equal("SESSION_START_FAILED", disconnected.Detail.GetString());
    }

    [Theory]
    [InlineData("wrong-key", 401, 4001, "Invalid authentication credentials")]
    [InlineData(null, 403, 4003, "Not authenticated")]
    [InlineData("sdk-kit-key", 401, 4001, "Invalid authentication credentials")] // a HeyGen key is not LiveAvatar's
    public async Task The_token_call_with_a_bad_key_gives_the_LiveAvatar_error_shape(string? key, int status, int code, string message)
    {
        await using var page = await kit.OpenLiveAvatarAsync();
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (key is not null) headers["X-API-KEY"] = key;
        var r = await page.FetchAsync(kit.EmulatorUrl + "/v1/sessions/token",
            new { method = "POST", headers, body = JsonSerializer.Serialize(LiveAvatarFullTests.FullBody()) });
        AssertError(r, status, code, message);
    }

    [Theory]
    [InlineData("""{"avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"}""", "Request validation errors. body: Unable to extract tag using discriminator 'mode'")]
    [InlineData("""{"mode":"FULL","avatar_id":"dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"}""", "Request validation errors. body.FULL: Value error, Provide exactly one of avatar_persona or voice_agent")]
    [InlineData("""{"mode":"LITE","avatar_id":"not-a-uuid"}""", "Request validation errors. body.LITE.avatar_id: Input should be a valid UUID")]
    public async Task A_bad_token_body_is_422_code_4000(string body, string message)
    {
        await using var page = await kit.OpenLiveAvatarAsync();
        var r = await page.FetchAsync(kit.EmulatorUrl + "/v1/sessions/token", new
        {
            method = "POST",
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-API-KEY"] = SdkKit.LiveAvatarKey },
            body,
        });
        AssertError(r, 422, 4000, message);
    }

    [Fact]
    public async Task stop_twice_is_harmless_from_the_SDK_and_from_the_page()
    {
        var (token, sessionId) = await kit.LiveAvatarTokenAsync(LiveAvatarFullTests.FullBody());
        await using var page = await kit.OpenLiveAvatarAsync();
        (await page.StartAsync(token, kit.EmulatorUrl)).EnsureOk("start");
        (await page.StopAsync()).EnsureOk("stop");
        (await page.StopAsync()).EnsureOk("stop again"); // the SDK warns and returns: not connected (L959-968)
        await page.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));

        for (int i = 0; i < 2; i++)
        {
            var r = await page.FetchAsync(kit.EmulatorUrl + "/v1/sessions/stop", new
            {
                method = "POST",
                credentials = "include",
                headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token, ["Content-Type"] = "application/json" },
            });
            Assert.Equal(200, r.GetProperty("status").GetInt32());
            Assert.Equal(1000, JsonNode.Parse(r.GetProperty("body").GetString()!)!["code"]!.GetValue<int>());
        }
        var entry = (await kit.LiveAvatarGetAsync($"/v1/sessions/{sessionId}"))["data"]!;
        Assert.Equal("USER_CLOSED", entry["end_reason"]!.GetValue<string>());
        Assert.Empty(await page.PageErrorsAsync());
    }

    /// <summary>The page read the answer (CORS granted it) and it is LiveAvatar's <c>{code, data: null, message}</c>.</summary>
    private static void AssertError(JsonElement r, int status, int code, string message)
    {
        Assert.Equal(status, r.GetProperty("status").GetInt32());
        Assert.NotEqual("*", r.GetProperty("allowOrigin").GetString());
        var body = JsonNode.Parse(r.GetProperty("body").GetString()!)!.AsObject();
        Assert.Equal(["code", "data", "message"], body.Select(p => p.Key).Order());
        Assert.Equal(code, body["code"]!.GetValue<int>());
        Assert.Null(body["data"]);
        Assert.Equal(message, body["message"]!.GetValue<string>());
    }
}
