using HeyGenEmulator.Conformance;
using HeyGenEmulator.Conformance.Runner;

namespace HeyGenEmulator.Tests;

/// <summary>What remains ours of the kit's runner (Reqnroll runs the steps): loading features into cases, tag expressions.</summary>
public sealed class RunnerTests
{
    private const string Feature = """
        @feature-tag
        Feature: Sample
          Background:
            Given a counter at 1

          @documented
          Scenario: Adding
            When I add 2
            Then the counter is 3

          @assumed
          Scenario Outline: Adding <n>
            When I add <n>
            Then the counter is <total>

            Examples:
              | n | total |
              | 4 | 5     |
              | 9 | 10    |

          @documented
          Scenario: A step nobody wrote
            When I juggle "three" balls 5 times
        """;

    private static readonly IReadOnlyList<ScenarioCase> Cases = FeatureLoader.Load("sample.feature", Feature);

    [Fact]
    public void Outlines_become_one_case_per_example_row_with_background_steps_first()
    {
        Assert.Equal(
            ["Sample: Adding", "Sample: Adding 4 [Examples 1: 4, 5]", "Sample: Adding 9 [Examples 2: 9, 10]", "Sample: A step nobody wrote"],
            Cases.Select(c => c.Id));
        Assert.Equal("Given a counter at 1", Cases[1].Steps[0].ToString());
        Assert.Equal(StepKind.Then, Cases[1].Steps[2].Kind);
        Assert.Equal("the counter is 5", Cases[1].Steps[2].Text);
        Assert.Equal(["@feature-tag", "@assumed"], Cases[1].Tags);
        Assert.Equal(["@assumed"], Cases[1].OwnTags);
        Assert.Equal([0, 1, 2, 3], Cases.Select(c => c.PickleIndex));
        Assert.Equal("Adding <n>", Cases[2].Behaviour);
    }

    [Fact]
    public void Cases_carry_their_feature_as_Cucumber_messages()
    {
        var feature = Cases[0].Feature;
        Assert.Equal("sample.feature", feature.Source.Uri);
        Assert.Equal(4, feature.Pickles.Count);
        Assert.Equal("Sample", feature.Document.Feature.Name);
    }

    [Theory]
    [InlineData("", "@a", true)]
    [InlineData("@a", "@a @b", true)]
    [InlineData("not @emulator-only", "@documented @emulator-only", false)]
    [InlineData("@a and not (@b or @c)", "@a @c", false)]
    [InlineData("@a and not (@b or @c)", "@a @d", true)]
    [InlineData("@x or @y", "@y", true)]
    [InlineData("@endpoint:streaming.task", "@documented @endpoint:streaming.task", true)]
    [InlineData("@endpoint:streaming.list and not @endpoint:streaming.list.v2", "@endpoint:streaming.list.v2", false)]
    [InlineData("(@endpoint:admin or @endpoint:livekit.rtc)", "@endpoint:admin", true)]
    public void Tag_expressions(string expression, string tags, bool matches) =>
        Assert.Equal(matches, TagExpression.Parse(expression).Matches(tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void Every_project_scenario_has_exactly_one_evidence_tag()
    {
        var scenarios = Kit.All;
        Assert.NotEmpty(scenarios);
        foreach (var scenario in scenarios)
            Assert.True(scenario.Tags.Count(t => t is "@documented" or "@assumed") == 1, $"{scenario.FeatureFile}: '{scenario.Name}' needs exactly one of @documented/@assumed");
    }
}
