using System.Reflection;
using System.Text.RegularExpressions;

namespace HeyGenEmulator.Conformance.Runner;

public sealed record StepBinding(StepKind Kind, Regex Regex, MethodInfo Method);

public sealed record HookBinding(MethodInfo Method, string[] Tags, bool Before);

/// <summary>Every [Binding] class's step definitions and hooks, found by reflection in the given assemblies.</summary>
public sealed class BindingRegistry
{
    public BindingRegistry(params Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t.GetCustomAttribute<BindingAttribute>() is not null))
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            foreach (var step in method.GetCustomAttributes<StepDefinitionAttribute>())
                Steps.Add(new StepBinding(step.Kind, StepPattern.Compile(step.Pattern), method));
            if (method.GetCustomAttribute<BeforeScenarioAttribute>() is { } before) Hooks.Add(new HookBinding(method, before.Tags, true));
            if (method.GetCustomAttribute<AfterScenarioAttribute>() is { } after) Hooks.Add(new HookBinding(method, after.Tags, false));
        }
    }

    public List<StepBinding> Steps { get; } = [];
    public List<HookBinding> Hooks { get; } = [];

    /// <summary>The one binding for a step, or null; two matching bindings is an error in the bindings.</summary>
    public (StepBinding Binding, Match Match)? Find(StepCase step)
    {
        var matches = Steps.Where(b => b.Kind == step.Kind)
            .Select(b => (Binding: b, Match: b.Regex.Match(step.Text)))
            .Where(m => m.Match.Success)
            .ToList();
        if (matches.Count > 1)
            throw new InvalidOperationException($"Ambiguous step '{step}': matched by {string.Join(", ", matches.Select(m => $"{m.Binding.Method.DeclaringType!.Name}.{m.Binding.Method.Name}"))}");
        return matches.Count == 1 ? matches[0] : null;
    }
}
