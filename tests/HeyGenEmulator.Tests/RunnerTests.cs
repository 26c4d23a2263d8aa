using HeyGenEmulator.Conformance;
using HeyGenEmulator.Conformance.Runner;

namespace HeyGenEmulator.Tests;

/// <summary>The kit's Gherkin runner, on features written here.</summary>
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

    [Binding]
    public sealed class CounterSteps(ScenarioContext context)
    {
        private int _value;

        [Given("a counter at {int}")]
        public void Start(int value) => _value = value;

        [When("^I add (\\d+)$")]
        public void Add(int n) => _value += n;

        [Then("the counter is {int}")]
        public void Check(int expected)
        {
            Assert.Contains("@feature-tag", context.Tags);
            Assert.Equal(expected, _value);
        }
    }

    private static readonly BindingRegistry Registry = new(typeof(RunnerTests).Assembly);
    private static readonly IReadOnlyList<ScenarioCase> Cases = FeatureLoader.Load("sample.feature", Feature);

    [Fact]
    public void Outlines_become_one_case_per_example_row_with_background_steps_first()
    {
        Assert.Equal(
            ["Sample: Adding", "Sample: Adding 4 [Examples 1: 4, 5]", "Sample: Adding 9 [Examples 2: 9, 10]", "Sample: A step nobody wrote"],
            Cases.Select(c => c.Id));
        Assert.Equal("Given a counter at 1", Cases[1].Steps[0].ToString());
        Assert.Equal(["@feature-tag", "@assumed"], Cases[1].Tags);
    }

    [Fact]
    public async Task Passing_scenarios_pass()
    {
        foreach (var scenario in Cases.Take(3)) await new ScenarioRunner(Registry).RunAsync(scenario);
    }

    [Fact]
    public async Task A_failing_step_names_the_file_line_and_step()
    {
        var wrong = Cases[0] with { Steps = [.. Cases[0].Steps.Take(2), Cases[0].Steps[2] with { Text = "the counter is 4" }] };
        var error = await Assert.ThrowsAsync<ScenarioFailedException>(() => new ScenarioRunner(Registry).RunAsync(wrong));
        Assert.StartsWith("sample.feature:9: step 'Then the counter is 4' failed:", error.Message);
    }

    [Fact]
    public async Task An_undefined_step_fails_with_a_suggested_binding()
    {
        var error = await Assert.ThrowsAsync<ScenarioFailedException>(() => new ScenarioRunner(Registry).RunAsync(Cases[3]));
        Assert.Equal("""
            sample.feature:23: no binding for step 'When I juggle "three" balls 5 times'.
            Add one, for example:

            [When("I juggle {string} balls {int} times")]
            public void WhenIJuggleBallsTimes(string p0, int p1)
            {
                throw new NotImplementedException();
            }
            """.ReplaceLineEndings("\n"), error.Message);
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
        var scenarios = FeatureLoader.LoadDirectory(Kit.FeaturesDirectory());
        Assert.NotEmpty(scenarios);
        foreach (var scenario in scenarios)
            Assert.True(scenario.Tags.Count(t => t is "@documented" or "@assumed") == 1, $"{scenario.FeatureFile}: '{scenario.Name}' needs exactly one of @documented/@assumed");
    }

    [Fact]
    public void Every_project_step_has_exactly_one_binding()
    {
        var registry = new BindingRegistry(typeof(Kit).Assembly);
        foreach (var scenario in FeatureLoader.LoadDirectory(Kit.FeaturesDirectory()))
        foreach (var step in scenario.Steps)
            Assert.True(registry.Find(step) is not null, $"{scenario.FeatureFile}:{step.Line} '{step}' has no binding");
    }
}
