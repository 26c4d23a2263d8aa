using HeyGenEmulator.Conformance.Runner;

namespace HeyGenEmulator.Conformance.Steps;

[Binding]
public sealed class Hooks(KitState kit)
{
    /// <summary>Each scenario starts from a clean emulator: no sessions, tokens, faults; real time.</summary>
    [BeforeScenario]
    public async Task ResetEmulator()
    {
        if (!kit.Target.IsEmulator) return;
        var reset = await kit.Admin.SendAsync(HttpMethod.Post, "_emulator/reset", auth: HeyGen.Client.Auth.None);
        if (reset.Status != 200) throw new InvalidOperationException($"Emulator reset failed: {reset.Status} {reset.Body}");
    }

    /// <summary>Never leave a session open, on the live API least of all (it costs credits and holds a concurrency slot).</summary>
    [AfterScenario]
    public async Task StopOpenedSessions()
    {
        foreach (var (role, sessionId) in kit.Opened)
        {
            try
            {
                await kit.Client(role).SendAsync(HttpMethod.Post, "v1/streaming.stop", $"{{\"session_id\":\"{sessionId}\"}}", HeyGen.Client.Auth.ApiKey);
            }
            catch (HttpRequestException)
            {
                // Best effort: the session may already be gone with the target.
            }
        }
    }
}
