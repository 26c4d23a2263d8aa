namespace HeyGenEmulator.Conformance.Runner;

/// <summary>Per-scenario facts and a bag for bindings to share values (as Reqnroll's ScenarioContext).</summary>
public sealed class ScenarioContext(ScenarioCase scenario)
{
    public ScenarioCase Scenario { get; } = scenario;
    public string Title => Scenario.Name;
    public IReadOnlyList<string> Tags => Scenario.Tags;
    public Dictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);
    public bool HasTag(string tag) => Scenario.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}
