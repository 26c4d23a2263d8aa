using System.Text;
using System.Text.Json.Nodes;
using Reqnroll;

namespace HeyGenEmulator.Conformance.Steps;

[Binding]
public sealed class Hooks(KitState kit, ScenarioContext scenario, ScenarioNotes notes, IReqnrollOutputHelper output)
{
    /// <summary>Calls shown in a failed scenario's journal excerpt, the newest; bodies are cut at <see cref="BodyChars"/>.</summary>
    private const int JournalCalls = 20;
    private const int BodyChars = 400;

    /// <summary>Each scenario starts from a clean emulator: no sessions, tokens, faults, journal; real time.</summary>
    [BeforeScenario]
    public async Task ResetEmulator()
    {
        if (!kit.Target.IsEmulator) return;
        var reset = await kit.Admin.SendAsync(HttpMethod.Post, "_emulator/reset", auth: HeyGen.Client.Auth.None);
        if (reset.Status != 200) throw new InvalidOperationException($"Emulator reset failed: {reset.Status} {reset.Body}");
    }

    /// <summary>
    /// A failed scenario on an emulator gets the journal of its calls (reset cleared it before the scenario): into the
    /// report's failure text and, as output, into the Cucumber messages and the HTML report. Runs before the sessions
    /// are stopped, so the excerpt ends where the scenario did.
    /// </summary>
    [AfterScenario(Order = 0)]
    public async Task RecordJournalOfFailure()
    {
        if (scenario.ScenarioExecutionStatus == ScenarioExecutionStatus.OK || !kit.Target.IsEmulator) return;
        try
        {
            var journal = await kit.Admin.SendAsync(HttpMethod.Get, "_emulator/journal", null, HeyGen.Client.Auth.None);
            if (journal.Status != 200 || journal.Json is not JsonArray entries) return;
            notes.Journal = Excerpt(entries);
            output.WriteLine("Journal of this scenario (newest last):\n" + notes.Journal);
        }
        catch (HttpRequestException)
        {
            // The failure stands on its own; the target may be what failed.
        }
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
        foreach (var (role, sessionId) in kit.LiveAvatarOpened)
        {
            try
            {
                await kit.LiveAvatar(role).StopWithKeyAsync(sessionId);
            }
            catch (Exception e) when (e is HttpRequestException or HeyGen.Client.LiveAvatar.LiveAvatarApiException)
            {
                // Best effort, as above.
            }
        }
    }

    /// <summary>One line per call: method, path, status, then the (already masked) request and response bodies.</summary>
    private static string Excerpt(JsonArray entries)
    {
        var text = new StringBuilder();
        var calls = entries.OfType<JsonObject>().Where(e => e["path"]?.GetValue<string>() is { } path && !path.StartsWith("/_emulator/", StringComparison.Ordinal)).ToList();
        if (calls.Count > JournalCalls) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"… {calls.Count - JournalCalls} earlier calls\n");
        foreach (var e in calls.TakeLast(JournalCalls))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{e["method"]} {e["path"]} → {e["status"]}\n");
            if (Body(e["request"]) is { } request) text.Append("  request:  ").Append(request).Append('\n');
            if (Body(e["response"]) is { } response) text.Append("  response: ").Append(response).Append('\n');
        }
        return calls.Count == 0 ? "(no API calls)" : text.ToString().TrimEnd();
    }

    private static string? Body(JsonNode? body)
    {
        if (body is null) return null;
        var text = body is JsonValue v && v.TryGetValue<string>(out var s) ? s : body.ToJsonString();
        if (text.Length == 0) return null;
        return text.Length <= BodyChars ? text : text[..BodyChars] + "…";
    }
}
