using System.Globalization;
using System.Xml.Linq;
using HeyGenEmulator.Conformance.Runner;

namespace HeyGenEmulator.Conformance.Reports;

/// <summary>
/// JUnit XML, the report GitHub Actions, GitLab, Azure DevOps and Jenkins read: one testsuite per feature, one
/// testcase per scenario run (client included), a failure with the step and the scenario's journal, skips with why.
/// </summary>
public static class JUnitReport
{
    public static void Write(IReadOnlyList<KitResult> results, string path) => Build(results).Save(path);

    public static XDocument Build(IReadOnlyList<KitResult> results)
    {
        var suites = results.GroupBy(r => r.Case.Scenario.FeatureFile).Select(feature => Suite(feature.Key, [.. feature]));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "heygen-kit"),
            Counts(results),
            suites));
    }

    private static XElement Suite(string file, IReadOnlyList<KitResult> results) =>
        new("testsuite",
            new XAttribute("name", results[0].Case.Scenario.FeatureName),
            Counts(results),
            new XAttribute("file", file),
            results.Select(Case));

    private static XElement Case(KitResult result)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", result.Case.Scenario.FeatureName),
            new XAttribute("name", result.Case.Id),
            new XAttribute("file", result.Case.Scenario.FeatureFile),
            new XAttribute("line", result.Case.Scenario.Line),
            new XAttribute("time", Seconds(result.Result.Duration)));
        switch (result.Result.Outcome)
        {
            case ScenarioOutcome.Failed:
                element.Add(new XElement("failure",
                    new XAttribute("message", result.Result.FailedStep is { } step ? $"step failed: {step}" : "a hook failed"),
                    new XAttribute("type", result.Result.Error?.GetType().Name ?? "Failure"),
                    result.FailureText));
                break;
            case ScenarioOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", result.Result.Message ?? "")));
                break;
        }
        return element;
    }

    private static IEnumerable<XAttribute> Counts(IReadOnlyCollection<KitResult> results) =>
    [
        new("tests", results.Count),
        new("failures", results.Count(r => r.Result.Outcome == ScenarioOutcome.Failed)),
        new("errors", 0),
        new("skipped", results.Count(r => r.Result.Outcome == ScenarioOutcome.Skipped)),
        new("time", Seconds(TimeSpan.FromTicks(results.Sum(r => r.Result.Duration.Ticks)))),
    ];

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
