using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Reqnroll;
using Reqnroll.Formatters.RuntimeSupport;

namespace HeyGenEmulator.Conformance.Runner;

public enum ScenarioOutcome { Passed, Failed, Skipped }

/// <summary>How one scenario ended: the step that failed (null when a hook did), and the message saying why.</summary>
public sealed record ScenarioResult(ScenarioOutcome Outcome, StepCase? FailedStep, string? Message, TimeSpan Duration, Exception? Error = null);

/// <summary>A scenario failed: the message names the feature file, line, step and what went wrong.</summary>
public sealed class ScenarioFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs scenarios on Reqnroll's runtime without generated code, as generated test classes would: the test runner of
/// the binding assembly, the feature started when it changes, then per scenario initialize → register the run's
/// instances in the scenario container → start → each step → collect errors → end. Step matching, hooks, context
/// injection, undefined-step snippets and the formatters' Cucumber messages are Reqnroll's.
/// </summary>
public sealed class ScenarioDriver(Assembly bindingAssembly)
{
    private readonly Dictionary<FeatureSource, FeatureInfo> _features = [];
    private Task? _started;

    public async Task<ScenarioResult> RunAsync(ScenarioCase scenario, IEnumerable<object> instances, string? skipReason = null)
    {
        // The test run starts once, as an assembly-level hook of generated code would start it: the formatters begin then.
        lock (_features) _started ??= TestRunnerManager.OnTestRunStartAsync(bindingAssembly);
        await _started;
        // A skipped run never reaches Reqnroll. The same scenario also runs for other clients, and Reqnroll's
        // formatters take every run of it for an attempt of one test case whose hooks the first attempt defines: a
        // first attempt skipped before its hooks defined none, and the next client's run then failed inside the
        // report writers ("Sequence contains no matching element"). The skip is reported by our runners (JUnit, xunit).
        if (skipReason is not null) return new ScenarioResult(ScenarioOutcome.Skipped, null, skipReason, TimeSpan.Zero);
        var feature = FeatureInfoOf(scenario.Feature);
        var runner = TestRunnerManager.GetTestRunnerForAssembly(bindingAssembly, featureHint: feature);
        var clock = Stopwatch.StartNew();
        try
        {
            if (runner.FeatureContext is not null && !ReferenceEquals(runner.FeatureContext.FeatureInfo, feature)) await runner.OnFeatureEndAsync();
            if (runner.FeatureContext is null) await runner.OnFeatureStartAsync(feature);
            runner.OnScenarioInitialize(new ScenarioInfo(scenario.Name, scenario.Description, [.. scenario.OwnTags], new OrderedDictionary(),
                [.. scenario.Feature.Tags], scenario.PickleIndex.ToString(CultureInfo.InvariantCulture)), null);
            foreach (var instance in instances) runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(instance, instance.GetType());
            return await RunStepsAsync(runner, scenario, clock);
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }

    private static async Task<ScenarioResult> RunStepsAsync(ITestRunner runner, ScenarioCase scenario, Stopwatch clock)
    {
        StepCase? failed = null;
        Exception? error = null;
        try
        {
            await runner.OnScenarioStartAsync();
            foreach (var step in scenario.Steps)
            {
                var run = step.Kind switch { StepKind.Given => runner.GivenAsync(step.Text, step.DocString, step.Table, step.Keyword),
                    StepKind.When => runner.WhenAsync(step.Text, step.DocString, step.Table, step.Keyword),
                    _ => runner.ThenAsync(step.Text, step.DocString, step.Table, step.Keyword) };
                await run;
                // Reqnroll keeps going (skipping the remaining steps) and reports at the end; the first step that
                // left the scenario not OK is the one that failed or was undefined.
                if (failed is null && runner.ScenarioContext.ScenarioExecutionStatus != ScenarioExecutionStatus.OK) failed = step;
            }
            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception e)
        {
            error = e;
        }
        try
        {
            await runner.OnScenarioEndAsync();
        }
        catch (Exception e)
        {
            error ??= e; // an after-scenario hook failed
        }
        if (error is null) return new ScenarioResult(ScenarioOutcome.Passed, null, null, clock.Elapsed);
        if (error is SkippedScenarioException) return new ScenarioResult(ScenarioOutcome.Skipped, null, error.Message, clock.Elapsed);
        var where = failed is null ? $"{scenario.FeatureFile}:{scenario.Line}: scenario '{scenario.Name}' failed in a hook:" : $"{scenario.FeatureFile}:{failed.Line}: step '{failed}' failed:";
        return new ScenarioResult(ScenarioOutcome.Failed, failed, $"{where}\n{error.Message}", clock.Elapsed, error);
    }

    /// <summary>Ends the current features and the test run: Reqnroll's formatters write their files then.</summary>
    public async Task EndAsync()
    {
        var runner = TestRunnerManager.GetTestRunnerForAssembly(bindingAssembly);
        try
        {
            if (runner.FeatureContext is not null) await runner.OnFeatureEndAsync();
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
        await TestRunnerManager.OnTestRunEndAsync(bindingAssembly);
    }

    private FeatureInfo FeatureInfoOf(FeatureSource source)
    {
        lock (_features)
        {
            if (_features.TryGetValue(source, out var known)) return known;
            return _features[source] = new FeatureInfo(CultureInfo.GetCultureInfo("en-US"), Path.GetDirectoryName(source.File) ?? "", source.Name,
                source.Description, ProgrammingLanguage.CSharp, [.. source.Tags], new FeatureMessages(source));
        }
    }
}

/// <summary>A feature's source, document and pickles for Reqnroll's formatters: what generated code embeds, from our parse.</summary>
internal sealed class FeatureMessages(FeatureSource source) : IFeatureLevelCucumberMessages
{
    public bool HasMessages => true;
    public Io.Cucumber.Messages.Types.Source Source => source.Source;
    public Io.Cucumber.Messages.Types.GherkinDocument GherkinDocument => source.Document;
    public IEnumerable<Io.Cucumber.Messages.Types.Pickle> Pickles => source.Pickles;
}
