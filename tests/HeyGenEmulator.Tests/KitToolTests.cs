using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace HeyGenEmulator.Tests;

/// <summary>
/// One heygen-kit run, as a CI job would make it, shared by the tests below: a features directory of its own (one
/// scenario passes, one fails on purpose, one needs SDK events), an in-process emulator, two clients (csharp lacks
/// events and skips that scenario; the JS SDK in Chromium runs it after) and the reports it writes.
/// </summary>
public sealed class KitToolRun : IAsyncLifetime
{
    private const string Features = """
        Feature: Kit tool check
          @documented @endpoint:streaming.task
          Scenario: A task answers 200
            Given a started session
            When I POST "/v1/streaming.task" with body:
              \"\"\"
              {"session_id":"{session_id}","text":"Hello","task_mode":"async"}
              \"\"\"
            Then the response status is 200

          @assumed @endpoint:streaming.task
          Scenario: A deliberately failing scenario
            Given a started session
            When I POST "/v1/streaming.task" with body:
              \"\"\"
              {"session_id":"{session_id}","text":"Hello","task_mode":"async"}
              \"\"\"
            Then the response status is 418

          @documented @sdk @sdk-events @endpoint:streaming.new
          Scenario: Events need a JS client
            Given the SDK has started an avatar session
            Then the SDK emits "stream_ready"
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("heygen-kit-test-").FullName;

    public (int ExitCode, string Output) Result { get; private set; }

    public string Report => Path.Combine(_dir, "report");

    public async Task InitializeAsync()
    {
        var features = Directory.CreateDirectory(Path.Combine(_dir, "features")).FullName;
        await File.WriteAllTextAsync(Path.Combine(features, "check.feature"), Features.Replace("\\\"", "\"", StringComparison.Ordinal));
        var (exitCode, output, error) = await KitTool.RunAsync(null, "run", "--target", "emulator", "--clients", "csharp,js-sdk-2.1.0",
            "--tags", "@endpoint:streaming.task or @sdk-events", "--features", features, "--report", Report);
        Result = (exitCode, output + error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The heygen-kit tool end to end: its exit code, JUnit XML, Cucumber messages and the HTML report in Chromium.</summary>
public sealed class KitToolTests(KitToolRun kit) : IClassFixture<KitToolRun>
{
    private string Report => kit.Report;

    [Fact]
    public void A_failing_scenario_makes_the_exit_code_non_zero()
    {
        Assert.True(kit.Result.ExitCode == 1, kit.Result.Output);
        Assert.Contains("2 passed, 1 failed, 1 skipped", kit.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_xml_has_a_testcase_per_scenario_run_and_the_failure_names_the_step_and_the_journal()
    {
        var xml = XDocument.Load(Path.Combine(Report, "junit.xml"));
        var suites = xml.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        Assert.Equal(("4", "1", "1"), (suites.Attribute("tests")!.Value, suites.Attribute("failures")!.Value, suites.Attribute("skipped")!.Value));
        var cases = suites.Descendants("testcase").ToList();
        Assert.Equal(["Kit tool check: A task answers 200", "Kit tool check: A deliberately failing scenario", "Kit tool check: Events need a JS client [client: csharp]",
            "Kit tool check: Events need a JS client [client: js-sdk-2.1.0]"], cases.Select(c => c.Attribute("name")!.Value));
        Assert.All(cases, c => Assert.NotNull(c.Attribute("classname")));
        Assert.All(cases, c => Assert.True(double.TryParse(c.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.Empty(cases[0].Elements());
        var failure = Assert.Single(cases[1].Elements("failure"));
        Assert.Equal("step failed: Then the response status is 418", failure.Attribute("message")!.Value);
        Assert.Contains("check.feature:18: step 'Then the response status is 418' failed", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Expected status 418, got 200", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Journal of this scenario", failure.Value, StringComparison.Ordinal);
        Assert.Contains("POST /v1/streaming.task → 200", failure.Value, StringComparison.Ordinal);
        var skipped = Assert.Single(cases[2].Elements("skipped"));
        Assert.Contains("needs the capability \"events\" (@sdk-events)", skipped.Attribute("message")!.Value, StringComparison.Ordinal);
        // The same scenario, skipped for csharp just before, runs for the JS SDK (the report writers once failed it).
        Assert.Empty(cases[3].Elements());
    }

    [Fact]
    public void Messages_ndjson_is_one_Cucumber_envelope_a_line()
    {
        var kinds = File.ReadLines(Path.Combine(Report, "messages.ndjson"))
            .Select(line => JsonDocument.Parse(line).RootElement.EnumerateObject().Single().Name).ToList();
        Assert.Equal("testRunStarted", kinds[0]);
        Assert.Equal("testRunFinished", kinds[^1]);
        Assert.Equal(1, kinds.Count(k => k == "source"));
        Assert.Equal(1, kinds.Count(k => k == "gherkinDocument"));
        Assert.Equal(3, kinds.Count(k => k == "pickle"));
        // One per run that ran (the SDK scenario for the JS client after its skip for csharp); skips are in junit.xml.
        Assert.Equal(3, kinds.Count(k => k == "testCaseFinished"));
        Assert.Contains("testStepFinished", kinds);
        Assert.Contains("stepDefinition", kinds);
    }

    [Fact]
    public async Task The_HTML_report_shows_the_failing_scenario_in_Chromium()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1600 } });
        await page.GotoAsync(new Uri(Path.Combine(Report, "report.html")).AbsoluteUri);
        var failing = page.GetByText("A deliberately failing scenario", new PageGetByTextOptions { Exact = true }).First;
        await failing.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.True(await failing.IsVisibleAsync());
        Assert.True(await page.GetByText("Expected status 418, got 200").First.IsVisibleAsync());
        Assert.True(await page.Locator("#heygen-parity").IsVisibleAsync());
        var screenshot = Path.Combine(Path.GetTempPath(), "heygen-kit-report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
