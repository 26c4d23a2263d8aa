using HeyGenEmulator.Conformance.Clients;
using HeyGenEmulator.Conformance.Runner;
using Xunit;
using Xunit.Abstractions;

namespace HeyGenEmulator.Conformance;

/// <summary>
/// xunit's door to the kit: every scenario (and every Examples row) is its own test case, named "Feature: Scenario",
/// so <c>dotnet test --filter "DisplayName~retired avatar"</c> runs one and a failure names it. Scenarios tagged @sdk
/// are one case per SDK client, named "Feature: Scenario [client: js-sdk-2.1.0]" etc.; a client lacking what the
/// scenario needs is a skipped case whose reason names the need.
/// </summary>
public sealed class FeatureTests : IClassFixture<FeatureTestsLifetime>
{
    public static IEnumerable<object[]> Scenarios() => Kit.Selected().Where(c => c.SkipReason is null).Select(s => new object[] { new ScenarioId(s.Id) });

    /// <summary>xunit 2 skips at discovery, one reason per attribute: the case's name and the skip reason name the need.</summary>
    public static IEnumerable<object[]> Unrunnable() => Kit.Selected().Where(c => c.SkipReason is not null).Select(s => new object[] { new ScenarioId(s.Id) });

    [Theory(DisplayName = "Scenario")]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(ScenarioId scenario)
    {
        var run = await Kit.RunAsync(Kit.Find(scenario.Id));
        if (run.Result.Outcome == ScenarioOutcome.Failed) throw new ScenarioFailedException(run.FailureText!, run.Result.Error);
        if (run.Result.Outcome == ScenarioOutcome.Skipped) throw new InvalidOperationException($"skipped at run time: {run.Result.Message}");
    }

    [Theory(DisplayName = "Scenario", Skip = "the client lacks a capability the scenario needs (" + KitClients.SdkTag + " needs \"rest\", " + KitClients.EventsTag
        + " \"events\" and \"media\", which the csharp client does not have; docs/client-adapter.md)")]
    [MemberData(nameof(Unrunnable))]
    public void Skipped(ScenarioId scenario) => Assert.Fail($"{scenario} cannot run");
}

/// <summary>
/// A case's id as a theory argument: xunit shows it whole through <see cref="ToString"/> (a plain string argument
/// is cut after 50 characters, which would drop the client).
/// </summary>
public sealed class ScenarioId : IXunitSerializable
{
    public ScenarioId() => Id = "";
    public ScenarioId(string id) => Id = id;

    public string Id { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Id = info.GetValue<string>(nameof(Id));
    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Id), Id);
    public override string ToString() => Id;
}

/// <summary>After the last scenario: ends Reqnroll's test run and stops the built-in clients' adapters (and Chromium) it started.</summary>
public sealed class FeatureTestsLifetime : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Kit.EndAsync();
        await Adapters.BuiltInAdapters.CloseAsync();
    }
}
