using Gherkin;
using Gherkin.Ast;

namespace HeyGenEmulator.Tests.Endpoints;

/// <summary>A scenario (or outline, once) and the endpoints its <c>@endpoint:</c> tags name, feature-level ones included.</summary>
public sealed record TaggedScenario(string File, int Line, string Name, IReadOnlyList<string> Endpoints);

public static class ScenarioTags
{
    public const string Prefix = "@endpoint:";

    /// <summary>The tag of a scenario that deliberately exercises no route (an unknown path, say).</summary>
    public const string None = "none";

    public static IReadOnlyList<TaggedScenario> Scan(string repoRoot) =>
        Directory.EnumerateFiles(Path.Combine(repoRoot, "features"), "*.feature", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => Read(Path.GetRelativePath(repoRoot, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();

    private static IEnumerable<TaggedScenario> Read(string file, string text)
    {
        var feature = new Parser().Parse(new StringReader(text)).Feature;
        if (feature is null) yield break;
        var featureTags = Endpoints(feature.Tags);
        foreach (var child in feature.Children)
        {
            // Gherkin 6+ reads a Scenario Outline as a Scenario with Examples.
            if (child is not Scenario s) continue;
            yield return new TaggedScenario(file, (int)s.Location.Line, s.Name, featureTags.Concat(Endpoints(s.Tags)).Distinct().ToList());
        }
    }

    private static IEnumerable<string> Endpoints(IEnumerable<Tag> tags) =>
        tags.Select(t => t.Name).Where(t => t.StartsWith(Prefix, StringComparison.Ordinal)).Select(t => t[Prefix.Length..]);
}
