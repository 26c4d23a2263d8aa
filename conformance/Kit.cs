using HeyGenEmulator.Conformance.Clients;
using HeyGenEmulator.Conformance.Runner;
using HeyGenEmulator.Conformance.Target;

namespace HeyGenEmulator.Conformance;

/// <summary>One run of a scenario with one SDK client; scenarios tagged @sdk carry the client in their id.</summary>
public sealed record KitCase(ScenarioCase Scenario, string Client)
{
    public bool PerClient => Scenario.Tags.Contains(KitClients.SdkTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>"Feature: Scenario", or "Feature: Scenario [client: js-sdk-2.0.8]" for @sdk scenarios.</summary>
    public string Id => PerClient ? $"{Scenario.Id} [client: {Client}]" : Scenario.Id;

    public override string ToString() => Id;
}

/// <summary>
/// The kit: the features under <c>features/</c>, filtered by the target's exclusions and <c>HEYGEN_TAGS</c>
/// (a cucumber tag expression), run through the bindings in this assembly. Scenarios tagged @sdk run once per SDK
/// client (<see cref="KitClients"/>, selected by <c>HEYGEN_CLIENTS</c>); the others with the C# client.
/// </summary>
public static class Kit
{
    private static readonly Lazy<IReadOnlyList<ScenarioCase>> AllScenarios = new(() => FeatureLoader.LoadDirectory(FeaturesDirectory()));
    private static readonly Lazy<BindingRegistry> Registry = new(() => new BindingRegistry(typeof(Kit).Assembly));

    public static IReadOnlyList<ScenarioCase> All => AllScenarios.Value;

    /// <summary>Every (scenario, client) run there is, before any selection.</summary>
    public static IEnumerable<KitCase> AllCases() =>
        All.SelectMany(s => KitClients.For(s.Tags).Select(client => new KitCase(s, client)));

    public static IEnumerable<KitCase> Selected()
    {
        var kind = KitTarget.KindFromEnvironment();
        var exclusion = TagExpression.Parse(KitTarget.DefaultExclusion(kind));
        var filter = TagExpression.Parse(Environment.GetEnvironmentVariable("HEYGEN_TAGS"));
        var clients = KitClients.Selected();
        return AllCases().Where(c => exclusion.Matches(c.Scenario.Tags) && filter.Matches(c.Scenario.Tags) && clients.Contains(c.Client)
            // A scenario with a setting of its own needs an emulator the kit starts (see TargetHost.SettingArgs).
            && (kind == TargetKind.InProcessEmulator || TargetHost.SettingArgs(c.Scenario.Tags).Count == 0));
    }

    public static async Task RunAsync(string caseId)
    {
        var run = AllCases().FirstOrDefault(c => c.Id == caseId) ?? throw new ArgumentException($"No scenario '{caseId}'");
        var shared = new Dictionary<Type, object> { [typeof(KitClient)] = new KitClient(run.Client), [typeof(KitTarget)] = await TargetHost.GetAsync(TargetHost.SettingArgs(run.Scenario.Tags)) };
        await new ScenarioRunner(Registry.Value, shared).RunAsync(run.Scenario);
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
