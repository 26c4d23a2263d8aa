using Xunit;

namespace HeyGenEmulator.Conformance;

/// <summary>
/// Every scenario (and every Examples row) is its own test case, named "Feature: Scenario", so
/// <c>dotnet test --filter "DisplayName~retired avatar"</c> runs one and a failure names it.
/// </summary>
public sealed class FeatureTests
{
    public static IEnumerable<object[]> Scenarios() => Kit.Selected().Select(s => new object[] { s.Id });

    [Theory(DisplayName = "Scenario")]
    [MemberData(nameof(Scenarios))]
    public Task Scenario(string scenario) => Kit.RunAsync(scenario);
}
