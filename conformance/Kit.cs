using HeyGenEmulator.Conformance.Clients;
using HeyGenEmulator.Conformance.Recording;
using HeyGenEmulator.Conformance.Runner;
using HeyGenEmulator.Conformance.Steps;
using HeyGenEmulator.Conformance.Target;

namespace HeyGenEmulator.Conformance;

/// <summary>
/// One run of a scenario with one SDK client; scenarios tagged @sdk carry the client in their id. A run whose client
/// lacks what the scenario needs is still a case, reported as skipped with the need named (<see cref="SkipReason"/>).
/// </summary>
public sealed record KitCase(ScenarioCase Scenario, string Client)
{
    public bool PerClient => Scenario.Tags.Contains(KitClients.SdkTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>"Feature: Scenario", or "Feature: Scenario [client: js-sdk-2.0.8]" for @sdk scenarios.</summary>
    public string Id => PerClient ? $"{Scenario.Id} [client: {Client}]" : Scenario.Id;

    /// <summary>Why this client cannot run the scenario, or null when it can.</summary>
    public string? SkipReason => KitClients.Lacks(Client, Scenario.Tags);

    public override string ToString() => Id;
}

/// <summary>
/// The kit: the features (embedded in this assembly, or a directory given by <see cref="UseFeatures"/>), filtered by
/// the target's exclusions and <c>HEYGEN_TAGS</c> (a cucumber tag expression), run by Reqnroll through the bindings
/// in this assembly. Scenarios tagged @sdk run once per SDK client (<see cref="KitClients"/>, selected by
/// <c>HEYGEN_CLIENTS</c>); the others with the C# client.
/// </summary>
public static class Kit
{
    private static Lazy<IReadOnlyList<ScenarioCase>> _scenarios = new(() => FeatureLoader.LoadEmbedded(typeof(Kit).Assembly));
    private static readonly ScenarioDriver Driver = new(typeof(Kit).Assembly);

    public static IReadOnlyList<ScenarioCase> All => _scenarios.Value;

    /// <summary>Run the .feature files of a directory instead of the embedded ones (<c>heygen-kit run --features</c>).</summary>
    public static void UseFeatures(string directory)
    {
        var scenarios = FeatureLoader.LoadDirectory(directory);
        _scenarios = new(() => scenarios);
    }

    /// <summary>Every (scenario, client) run there is, before any selection.</summary>
    public static IEnumerable<KitCase> AllCases() =>
        All.SelectMany(s => KitClients.For(s.Tags).Select(client => new KitCase(s, client)));

    public static IEnumerable<KitCase> Selected(string? tags = null)
    {
        var kind = KitTarget.KindFromEnvironment();
        var exclusion = TagExpression.Parse(KitTarget.DefaultExclusion(kind));
        var filter = TagExpression.Parse(tags ?? Environment.GetEnvironmentVariable("HEYGEN_TAGS"));
        var clients = KitClients.Selected();
        return AllCases().Where(c => exclusion.Matches(c.Scenario.Tags) && filter.Matches(c.Scenario.Tags) && clients.Contains(c.Client)
            // A scenario with a setting of its own needs an emulator the kit starts (see TargetHost.SettingArgs).
            && (kind == TargetKind.InProcessEmulator || TargetHost.SettingArgs(c.Scenario.Tags).Count == 0));
    }

    public static KitCase Find(string caseId) => AllCases().FirstOrDefault(c => c.Id == caseId) ?? throw new ArgumentException($"No scenario '{caseId}'");

    /// <summary>
    /// Runs one case; a failure's message ends with the journal of that scenario when the target is an emulator. With
    /// recording on (<see cref="RecordingFile"/>), the case's exchanges and then its result go to the recording.
    /// </summary>
    public static async Task<KitResult> RunAsync(KitCase run)
    {
        var notes = new ScenarioNotes();
        var file = RecordingFile.Current;
        if (run.SkipReason is { } reason)
        {
            var skipped = await Driver.RunAsync(run.Scenario, [notes], reason);
            if (file is not null) new ScenarioRecording(run, await TargetHost.GetAsync(), file).Ended(skipped);
            return new KitResult(run, skipped, notes);
        }
        var target = await TargetHost.GetAsync(TargetHost.SettingArgs(run.Scenario.Tags));
        var recording = new ScenarioRecording(run, target, file);
        var result = await Driver.RunAsync(run.Scenario, [new KitClient(run.Client), target, notes, recording]);
        recording.Ended(result);
        return new KitResult(run, result, notes);
    }

    /// <summary>Ends the run: Reqnroll's formatters (REQNROLL_FORMATTERS_*) write their reports.</summary>
    public static Task EndAsync() => Driver.EndAsync();
}

/// <summary>One case's result and what the kit noted on the way (the journal excerpt of a failed scenario).</summary>
public sealed record KitResult(KitCase Case, ScenarioResult Result, ScenarioNotes Notes)
{
    /// <summary>The failure as a reader wants it: which step, what went wrong, then what the emulator saw.</summary>
    public string? FailureText => Result.Outcome != ScenarioOutcome.Failed ? null
        : Notes.Journal is { } journal ? $"{Result.Message}\n\nJournal of this scenario (newest last):\n{journal}" : Result.Message;
}
