using HeyGenEmulator.Conformance.Clients;
using Xunit;
using Xunit.Abstractions;

namespace HeyGenEmulator.Conformance;

/// <summary>
/// Every scenario (and every Examples row) is its own test case, named "Feature: Scenario", so
/// <c>dotnet test --filter "DisplayName~retired avatar"</c> runs one and a failure names it. Scenarios tagged @sdk
/// are one case per SDK client, named "Feature: Scenario [client: js-sdk-2.1.0]" etc.
/// </summary>
public sealed class FeatureTests : IClassFixture<FeatureTestsLifetime>
{
    public static IEnumerable<object[]> Scenarios() => Kit.Selected().Select(s => new object[] { new ScenarioId(s.Id) });

    [Theory(DisplayName = "Scenario")]
    [MemberData(nameof(Scenarios))]
    public Task Scenario(ScenarioId scenario) => Kit.RunAsync(scenario.Id);
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

/// <summary>After the last scenario: closes the shared Chromium, if a JS SDK scenario started it.</summary>
public sealed class FeatureTestsLifetime : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => JsSdkHost.CloseAsync();
}
