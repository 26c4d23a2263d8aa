using HeyGenEmulator.Conformance.Runner;
using HeyGenEmulator.Conformance.Target;

namespace HeyGenEmulator.Conformance;

/// <summary>
/// The kit: the features under <c>features/</c>, filtered by the target's exclusions and <c>HEYGEN_TAGS</c>
/// (a cucumber tag expression), run through the bindings in this assembly.
/// </summary>
public static class Kit
{
    private static readonly Lazy<IReadOnlyList<ScenarioCase>> AllScenarios = new(() => FeatureLoader.LoadDirectory(FeaturesDirectory()));
    private static readonly Lazy<BindingRegistry> Registry = new(() => new BindingRegistry(typeof(Kit).Assembly));

    public static IReadOnlyList<ScenarioCase> All => AllScenarios.Value;

    public static IEnumerable<ScenarioCase> Selected()
    {
        var kind = KitTarget.KindFromEnvironment();
        var exclusion = TagExpression.Parse(KitTarget.DefaultExclusion(kind));
        var filter = TagExpression.Parse(Environment.GetEnvironmentVariable("HEYGEN_TAGS"));
        return All.Where(s => exclusion.Matches(s.Tags) && filter.Matches(s.Tags));
    }

    public static Task RunAsync(string scenarioId)
    {
        var scenario = All.FirstOrDefault(s => s.Id == scenarioId) ?? throw new ArgumentException($"No scenario '{scenarioId}'");
        return new ScenarioRunner(Registry.Value).RunAsync(scenario);
    }

    /// <summary>Features ship next to the test assembly; running from the source tree finds them too.</summary>
    public static string FeaturesDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "features");
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "features")) && File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln")))
                return Path.Combine(dir.FullName, "features");
        throw new DirectoryNotFoundException("features/ not found");
    }
}
