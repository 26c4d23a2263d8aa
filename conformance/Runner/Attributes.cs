namespace HeyGenEmulator.Conformance.Runner;

// Binding attributes in Reqnroll's shape, so moving to Reqnroll (once it can be restored) is a package swap and a
// namespace rename: [Binding] classes, [Given]/[When]/[Then] with a regex (starting with ^) or a cucumber expression
// ({string}, {int}, {float}, {word}), [BeforeScenario]/[AfterScenario] hooks.

[AttributeUsage(AttributeTargets.Class)]
public sealed class BindingAttribute : Attribute;

public enum StepKind { Given, When, Then }

[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionAttribute(StepKind kind, string pattern) : Attribute
{
    public StepKind Kind { get; } = kind;
    public string Pattern { get; } = pattern;
}

public sealed class GivenAttribute(string pattern) : StepDefinitionAttribute(StepKind.Given, pattern);
public sealed class WhenAttribute(string pattern) : StepDefinitionAttribute(StepKind.When, pattern);
public sealed class ThenAttribute(string pattern) : StepDefinitionAttribute(StepKind.Then, pattern);

/// <summary>Runs before each scenario; with tags, only before scenarios carrying one of them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BeforeScenarioAttribute(params string[] tags) : Attribute
{
    public string[] Tags { get; } = tags;
}

/// <summary>Runs after each scenario, whether it passed or not.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterScenarioAttribute(params string[] tags) : Attribute
{
    public string[] Tags { get; } = tags;
}
