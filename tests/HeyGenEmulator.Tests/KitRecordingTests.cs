using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Tests;

/// <summary>
/// heygen-kit run --record and parity --from end to end: the tool runs four REST scenarios (one @assumed) against an
/// emulator started here with a key and an admin token of its own (a URL target, as a CI job would have it), records
/// each exchange masked, and parity turns the recording into evidence labelled with the host it ran on — never "live".
/// </summary>
public sealed partial class KitRecordingTests(KitRecordingRun run) : IClassFixture<KitRecordingRun>
{
    private const string Assumed = "create_token with an unknown API key is unauthorized";

    private IEnumerable<JsonObject> Of(string type) => run.Lines.Where(l => (string?)l["type"] == type);

    [Fact]
    public void The_run_passes_and_says_where_the_recording_is()
    {
        Assert.True(run.Run.ExitCode == 0, run.Run.Output + run.Run.Error);
        Assert.Contains("4 passed, 0 failed, 0 skipped", run.Run.Output, StringComparison.Ordinal);
        Assert.Contains($"Recording: {run.Recording}", run.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_exchange_is_one_line_in_the_order_made_and_each_scenario_ends_with_its_result()
    {
        string Shape(JsonObject l) => (string?)l["type"] == "result" ? $"result {l["result"]}"
            : $"{l["role"]} {l["method"]} {l["path"]} {l["status"]}";
        string[] Scenario(string role, int status) =>
            ["admin POST /_emulator/reset 200", $"{role} POST /v1/streaming.create_token {status}", "result passed"];
        Assert.Equal([.. Scenario("trial", 200), .. Scenario("trial", 200), .. Scenario("invalid", 401), .. Scenario("trial", 200)], run.Lines.Select(Shape));

        Assert.All(run.Lines, l =>
        {
            Assert.Equal("running-emulator", (string?)l["target"]!["kind"]);
            Assert.Equal(run.Host.BaseUrl.ToString(), (string?)l["target"]!["base_url"]);
            Assert.Equal("tokens_and_auth.feature", (string?)l["scenario"]!["file"]);
            Assert.Equal("csharp", (string?)l["scenario"]!["client"]);
            Assert.Contains("@endpoint:streaming.create_token", l["scenario"]!["tags"]!.AsArray().Select(t => (string?)t));
            Assert.True(DateTimeOffset.TryParse((string?)l["time"], System.Globalization.CultureInfo.InvariantCulture, out _));
        });
        var results = Of("result").ToList();
        Assert.Contains(Assumed, results.Select(r => (string?)r["scenario"]!["name"]));
        Assert.Contains("@assumed", results.Single(r => (string?)r["scenario"]!["name"] == Assumed)["scenario"]!["tags"]!.AsArray().Select(t => (string?)t));

        // The last scenario's API calls are the emulator's own journal of it (reset cleared the journal before it).
        var journal = run.Host.Services.GetRequiredService<RequestJournal>().Snapshot();
        var lastScenario = run.Lines.SkipLast(1).TakeLast(2).Where(l => (string?)l["role"] != "admin");
        Assert.Equal(journal.Select(e => $"{e.Method} {e.Path} {e.Status}"), lastScenario.Select(l => $"{l["method"]} {l["path"]} {l["status"]}"));
    }

    [Fact]
    public void Bodies_and_headers_are_recorded_with_every_credential_masked()
    {
        Assert.DoesNotContain(KitRecordingRun.Key, run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(KitRecordingRun.AdminToken, run.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(InvalidKey(), run.Text);
        Assert.DoesNotMatch(SessionToken(), run.Text);

        var exchanges = Of("exchange").ToList();
        var resets = exchanges.Where(l => (string?)l["role"] == "admin").ToList();
        Assert.All(resets, l => Assert.Equal("kit-…(30)", (string?)l["request_headers"]!["X-Emulator-Admin-Token"]));
        var apiKeys = exchanges.Where(l => (string?)l["role"] == "trial").Select(l => l["request_headers"]!.AsObject().Single(h => h.Key.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>());
        Assert.All(apiKeys, v => Assert.Equal("kit-…(28)", v));
        var token = (string?)exchanges.First(l => (string?)l["role"] == "trial")["response"]!["data"]!["token"];
        Assert.Matches(@"^eyJ0…\(\d+\)$", token);
        Assert.Equal("""{"code":400112,"message":"Unauthorized"}""", exchanges.Single(l => (string?)l["role"] == "invalid")["response"]!.ToJsonString());
        Assert.Contains("application/json", (string?)exchanges[1]["response_headers"]!["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parity_from_the_recording_marks_the_behaviours_observed_on_the_emulators_host_and_not_live()
    {
        Assert.True(run.Parity.ExitCode == 0, run.Parity.Output + run.Parity.Error);
        var page = await File.ReadAllTextAsync(run.Page);
        var day = DateTimeOffset.Parse((string)Of("result").Last()["time"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var behaviour in Of("result").Select(r => (string)r["scenario"]!["behaviour"]!))
            Assert.Contains($"| {behaviour.Replace("|", "\\|", StringComparison.Ordinal)} (tokens_and_auth.feature:", RowsWith($"passed on 127.0.0.1 (running-emulator) {day}", page), StringComparison.Ordinal);
        Assert.DoesNotContain("(live)", page, StringComparison.Ordinal);
        Assert.Matches(@"\| \[`streaming\.create_token`\]\(#streamingcreate_token\) \| \d+ \| \d+ \| \d+ \| \d+ \| 0 \|", page);
        Assert.Contains("- none: no recording here passed an @assumed behaviour against the live API.", page, StringComparison.Ordinal);
        Assert.Contains("No recording was made against the live API", run.Parity.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Assumed, run.Parity.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_made_live_backs_its_assumed_behaviours_and_is_counted_live()
    {
        // The same runs as if made against api.heygen.com: only the target's kind and URL differ.
        var live = Path.Combine(run.Dir, "live.ndjson");
        await File.WriteAllLinesAsync(live, run.Lines.Select(l =>
        {
            var copy = l.DeepClone().AsObject();
            copy["target"] = new JsonObject { ["kind"] = "live", ["base_url"] = "https://api.heygen.com/" };
            return copy.ToJsonString();
        }));
        var livePage = Path.Combine(run.Dir, "live.md");
        var (exitCode, output, error) = await KitTool.RunAsync(null, "parity", "--from", run.Recording, "--from", live, "--out", livePage);
        Assert.True(exitCode == 0, output + error);
        Assert.Contains("candidates for @documented: 1", output, StringComparison.Ordinal);
        Assert.Contains($"tokens_and_auth.feature:23  {Assumed}", output, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(livePage);
        Assert.Matches(@"\| \[`streaming\.create_token`\]\(#streamingcreate_token\) \| \d+ \| \d+ \| \d+ \| \d+ \| 4 \|", page);
        Assert.Contains($"- {Assumed} (tokens_and_auth.feature:23): passed on api.heygen.com (live)", page, StringComparison.Ordinal);
        // Both hosts, each as what it is.
        Assert.Contains("(running-emulator)", RowsWith("passed on api.heygen.com (live)", page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_a_recording_line_is_one_clear_error()
    {
        var bad = Path.Combine(run.Dir, "bad.ndjson");
        await File.WriteAllTextAsync(bad, run.Text + "{\"type\":\"result\",\"time\":\"2026-01-01T00:00:00Z\"\n");
        var (exitCode, output, error) = await KitTool.RunAsync(null, "parity", "--from", bad);
        Assert.Equal(2, exitCode);
        Assert.StartsWith($"heygen-kit parity: {bad}:{run.Lines.Count + 1}: not a recording line (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", output);

        var missing = Path.Combine(run.Dir, "missing.ndjson");
        await File.WriteAllTextAsync(missing, """{"type":"result","time":"2026-01-01T00:00:00Z","target":{"kind":"live","base_url":"https://api.heygen.com/"},"duration_ms":1}""" + "\n");
        (exitCode, _, error) = await KitTool.RunAsync(null, "parity", "--from", missing);
        Assert.Equal(2, exitCode);
        Assert.Contains($"{missing}:1: not a recording line", error, StringComparison.Ordinal);
        Assert.Contains("scenario", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>The page's table rows (one behaviour each) that contain <paramref name="text"/>, joined.</summary>
    private static string RowsWith(string text, string page) =>
        string.Join("\n", page.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)));

    [GeneratedRegex("not-a-real-key-[0-9a-f]{8}")]
    private static partial Regex InvalidKey();

    [GeneratedRegex("eyJ0b2tlbiI6[A-Za-z0-9+/=]{12,}")]
    private static partial Regex SessionToken();
}

/// <summary>One run of the tool with --record and one parity --from it, shared by the tests (each run costs seconds).</summary>
public sealed class KitRecordingRun : IAsyncLifetime
{
    public const string Key = "kit-recording-key-5f3a9c1e7b";
    public const string AdminToken = "kit-recording-admin-4e1d8b7a2c";
    private const string Tags = "@endpoint:streaming.create_token and not @emulator-only";

    public string Dir { get; } = Directory.CreateTempSubdirectory("heygen-kit-record-").FullName;
    public EmulatorHost Host { get; private set; } = null!;
    public (int ExitCode, string Output, string Error) Run { get; private set; }
    public (int ExitCode, string Output, string Error) Parity { get; private set; }
    public string Text { get; private set; } = "";
    public List<JsonObject> Lines { get; private set; } = [];

    public string Recording => Path.Combine(Dir, "exchanges.ndjson");
    public string Page => Path.Combine(Dir, "parity.md");

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o =>
        {
            o.Media = false;
            o.ApiKeys.Add(Key + ":trial");
            o.AdminToken = AdminToken;
        });
        Run = await KitTool.RunAsync(new Dictionary<string, string> { ["HEYGEN_API_KEY"] = Key, ["HEYGEN_ADMIN_TOKEN"] = AdminToken },
            "run", "--target", Host.Url, "--clients", "csharp", "--tags", Tags, "--record", Recording);
        Text = File.Exists(Recording) ? await File.ReadAllTextAsync(Recording) : "";
        Lines = [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
        Parity = await KitTool.RunAsync(null, "parity", "--from", Recording, "--out", Page);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}
