namespace HeyGenEmulator.Tests.Endpoints;

/// <summary>
/// docs/endpoints.md: each endpoint, the code that maps it and the scenarios that exercise it, generated from the
/// source and the features. The test fails when the page is stale, when a route has no scenario, or when a tag names
/// an endpoint no route serves.
/// </summary>
public sealed class EndpointTableTests
{
    private const string Regenerate = "UPDATE_DOCS=1 dotnet test tests/HeyGenEmulator.Tests -c Release --filter FullyQualifiedName~EndpointTableTests";

    private static readonly string Root = RepoRoot();
    private static readonly IReadOnlyList<RouteSite> Routes = RouteScanner.Scan(Root);
    private static readonly IReadOnlyList<TaggedScenario> Scenarios = ScenarioTags.Scan(Root);

    [Fact]
    public void Every_scenario_names_its_endpoints()
    {
        var untagged = Scenarios.Where(s => s.Endpoints.Count == 0).Select(Where).ToList();
        Assert.True(untagged.Count == 0, $"Scenarios without an {ScenarioTags.Prefix} tag:\n{string.Join("\n", untagged)}");
    }

    [Fact]
    public void Every_route_has_a_scenario()
    {
        var tagged = Scenarios.SelectMany(s => s.Endpoints).ToHashSet(StringComparer.Ordinal);
        var uncovered = Routes.Where(r => !tagged.Contains(r.Endpoint)).Select(r => $"{r.Endpoint}: {r.Verb} {r.Path} ({r.File}:{r.Line})").ToList();
        Assert.True(uncovered.Count == 0, $"Routes no scenario is tagged with:\n{string.Join("\n", uncovered)}");
    }

    [Fact]
    public void Every_endpoint_tag_names_a_route()
    {
        var served = Routes.Select(r => r.Endpoint).Append(ScenarioTags.None).ToHashSet(StringComparer.Ordinal);
        var unknown = Scenarios.SelectMany(s => s.Endpoints.Where(e => !served.Contains(e)).Select(e => $"{ScenarioTags.Prefix}{e} at {Where(s)}")).ToList();
        Assert.True(unknown.Count == 0, $"Tags naming an endpoint that no route in emulator/ serves:\n{string.Join("\n", unknown)}");
    }

    [Fact]
    public void The_endpoint_table_in_docs_is_current()
    {
        var path = Path.Combine(Root, "docs", "endpoints.md");
        var expected = EndpointTable.Render(Routes, Scenarios);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(actual == expected, $"docs/endpoints.md is out of date (routes or scenarios moved). Regenerate it with:\n  {Regenerate}\n{FirstDifference(expected, actual)}");
    }

    private static string Where(TaggedScenario s) => $"{s.File}:{s.Line} {s.Name}";

    private static string FirstDifference(string expected, string actual)
    {
        var (e, a) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var (x, y) = (i < e.Length ? e[i] : "(end)", i < a.Length ? a[i] : "(end)");
            if (x != y) return $"first difference at line {i + 1}:\n  expected: {x}\n  in docs:  {y}";
        }
        return "";
    }

    /// <summary>The directory holding HeyGenEmulator.sln, found from the test's output folder upwards.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HeyGenEmulator.sln not found above " + AppContext.BaseDirectory);
    }
}
