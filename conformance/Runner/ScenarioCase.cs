namespace HeyGenEmulator.Conformance.Runner;

/// <summary>One step as it will run: keyword kind resolved (And/But take the previous kind), outline values substituted.</summary>
public sealed record StepCase(StepKind Kind, string Keyword, string Text, int Line, Table? Table, string? DocString)
{
    public override string ToString() => $"{Keyword.Trim()} {Text}";
}

/// <summary>One runnable scenario: a plain scenario or one Examples row of an outline, background steps first.</summary>
public sealed record ScenarioCase(string FeatureFile, string FeatureName, string Name, int Line, IReadOnlyList<string> Tags, IReadOnlyList<StepCase> Steps)
{
    /// <summary>The unique, human-readable id the xunit case is named after.</summary>
    public string Id => $"{FeatureName}: {Name}";
    public override string ToString() => Id;
}
