using System.Net;
using System.Text.Json.Nodes;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Consumer;

/// <summary>What a user of the HeyGenEmulator.Testing package writes: one fixture, then HeyGen's API on loopback.</summary>
public sealed class EmulatorFixtureTests(HeyGenEmulatorFixture emulator) : IClassFixture<HeyGenEmulatorFixture>
{
    [Fact]
    public async Task A_session_is_created_seen_by_the_admin_API_and_closed_by_the_clock()
    {
        using var http = emulator.Emulator.CreateHttpClient();
        var created = await http.PostAsync("v1/streaming.new", new StringContent("""{"version":"v2","activity_idle_timeout":60}"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var sessionId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["data"]!["session_id"]!.GetValue<string>();

        var sessions = await emulator.Admin.GetSessionsAsync();
        Assert.Equal("new", Assert.Single(sessions, s => s.SessionId == sessionId).State);
        Assert.Contains(await emulator.Admin.GetJournalAsync(sessionId), e => e.Path == "/v1/streaming.new" && e.Status == 200);

        var advance = await emulator.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(601));
        Assert.Contains(advance.ClosedSessions, c => c.SessionId == sessionId);
        await emulator.Admin.ResetAsync();
        Assert.Empty(await emulator.Admin.GetSessionsAsync());
    }

    [Fact]
    public async Task An_injected_fault_answers_the_next_call()
    {
        await emulator.Admin.AddFaultAsync(new EmulatorFault { Endpoint = "streaming.list", Status = 500, Code = 10015, Message = "boom", Times = 1 });
        using var http = emulator.Emulator.CreateHttpClient();
        var failed = await http.GetAsync("v1/streaming.list");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(1, Assert.Single(await emulator.Admin.GetFaultsAsync()).Hits);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/streaming.list")).StatusCode);
        await emulator.Admin.ClearFaultsAsync();
    }

    [Fact]
    public void The_default_avatar_clips_came_with_the_package()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "avatar-clips", "manifest.json")));
        Assert.Equal(6, emulator.Emulator.Services.GetRequiredService<AvatarMediaLibrary>().Bundle.Count);
    }
}
