using System.Reflection;
using System.Runtime.ExceptionServices;

namespace HeyGenEmulator.Conformance.Runner;

/// <summary>A scenario failed: the message names the feature, line, step and what went wrong.</summary>
public sealed class ScenarioFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs one scenario: a fresh set of binding instances (constructor-injected per scenario, as Reqnroll's context
/// injection), before hooks, the steps in order, after hooks always. Undefined steps fail with a suggested binding.
/// </summary>
public sealed class ScenarioRunner(BindingRegistry registry, IReadOnlyDictionary<Type, object>? shared = null)
{
    public async Task RunAsync(ScenarioCase scenario)
    {
        var container = new ScenarioContainer(shared);
        container.Register(new ScenarioContext(scenario));
        Exception? failure = null;
        try
        {
            foreach (var hook in Hooks(scenario, before: true)) await InvokeAsync(container, hook.Method, []);
            foreach (var step in scenario.Steps)
            {
                var found = registry.Find(step) ?? throw new ScenarioFailedException(
                    $"{Where(scenario, step)}: no binding for step '{step}'.\nAdd one, for example:\n\n{StepPattern.Suggest(step)}");
                try
                {
                    await InvokeAsync(container, found.Binding.Method, Arguments(found.Binding, found.Match, step));
                }
                catch (Exception e) when (e is not ScenarioFailedException)
                {
                    throw new ScenarioFailedException($"{Where(scenario, step)}: step '{step}' failed:\n{e.Message}", e);
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        foreach (var hook in Hooks(scenario, before: false))
        {
            try { await InvokeAsync(container, hook.Method, []); }
            catch (Exception e) { failure ??= new ScenarioFailedException($"{scenario.FeatureFile}: after-scenario hook {hook.Method.Name} failed: {e.Message}", e); }
        }
        container.Dispose();
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    private IEnumerable<HookBinding> Hooks(ScenarioCase scenario, bool before) =>
        registry.Hooks.Where(h => h.Before == before && (h.Tags.Length == 0 || h.Tags.Any(t => scenario.Tags.Contains(t, StringComparer.OrdinalIgnoreCase))));

    private static string Where(ScenarioCase scenario, StepCase step) => $"{scenario.FeatureFile}:{step.Line}";

    private static object?[] Arguments(StepBinding binding, System.Text.RegularExpressions.Match match, StepCase step)
    {
        var values = StepPattern.Arguments(match);
        var parameters = binding.Method.GetParameters();
        var args = new object?[parameters.Length];
        var v = 0;
        for (var p = 0; p < parameters.Length; p++)
        {
            var type = parameters[p].ParameterType;
            if (type == typeof(Table)) args[p] = step.Table ?? throw new InvalidOperationException($"Step '{step}' needs a data table");
            else if (v < values.Count) args[p] = StepPattern.Convert(values[v++], type);
            else if (type == typeof(string) && step.DocString is not null) args[p] = step.DocString;
            else throw new InvalidOperationException($"Binding {binding.Method.Name} has more parameters than step '{step}' provides");
        }
        return args;
    }

    private static async Task InvokeAsync(ScenarioContainer container, MethodInfo method, object?[] args)
    {
        var target = method.IsStatic ? null : container.Resolve(method.DeclaringType!);
        object? result;
        try
        {
            result = method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        if (result is Task task) await task;
    }
}

/// <summary>One instance per type per scenario, built through its widest public constructor.</summary>
internal sealed class ScenarioContainer(IReadOnlyDictionary<Type, object>? shared) : IDisposable
{
    private readonly Dictionary<Type, object> _instances = new();

    public void Register(object instance) => _instances[instance.GetType()] = instance;

    public object Resolve(Type type)
    {
        if (_instances.TryGetValue(type, out var existing)) return existing;
        if (shared is not null && shared.TryGetValue(type, out var global)) return global;
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor");
        var instance = constructor.Invoke(constructor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray());
        _instances[type] = instance;
        return instance;
    }

    public void Dispose()
    {
        foreach (var instance in _instances.Values.OfType<IDisposable>()) instance.Dispose();
    }
}
