using Io.Cucumber.Messages.Types;

namespace HeyGenEmulator.Conformance.Runner;

public enum StepKind { Given, When, Then }

/// <summary>One step as it will run: kind resolved (And/But take the previous kind), outline values substituted.</summary>
public sealed record StepCase(StepKind Kind, string Keyword, string Text, int Line, Reqnroll.Table? Table, string? DocString)
{
    public override string ToString() => $"{Keyword.Trim()} {Text}";
}

/// <summary>
/// One runnable scenario: a pickle (a plain scenario or one Examples row of an outline, background steps first),
/// named as our test cases are, with the index Reqnroll's formatters know it by in its feature.
/// </summary>
public sealed record ScenarioCase(FeatureSource Feature, string Name, int Line, IReadOnlyList<string> Tags, IReadOnlyList<StepCase> Steps, int PickleIndex)
{
    public string FeatureFile => Feature.File;
    public string FeatureName => Feature.Name;

    /// <summary>The scenario's own tags (the feature's left out), as Reqnroll's ScenarioInfo wants them.</summary>
    public IReadOnlyList<string> OwnTags => [.. Tags.Where(t => !Feature.Tags.Contains(t))];

    /// <summary>The scenario's name as written: an outline's, before its Examples values are put in.</summary>
    public string Behaviour { get; init; } = "";

    /// <summary>The line of the Scenario (or Scenario Outline) keyword.</summary>
    public int ScenarioLine { get; init; }

    /// <summary>The scenario's description (its evidence, for @documented and @assumed scenarios), or "".</summary>
    public string Description { get; init; } = "";

    /// <summary>The unique, human-readable id the xunit case is named after.</summary>
    public string Id => $"{FeatureName}: {Name}";
    public override string ToString() => Id;
}

/// <summary>A feature file as parsed: its Cucumber messages (source, document, pickles) for Reqnroll's formatters.</summary>
public sealed record FeatureSource(string File, string Name, string Description, IReadOnlyList<string> Tags, Source Source, GherkinDocument Document, IReadOnlyList<Pickle> Pickles);
