using HeyGenEmulator.Conformance.Runner;
using Reqnroll;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

[assembly: RuntimePlugin(typeof(KitRuntimePlugin))]

namespace HeyGenEmulator.Conformance.Runner;

/// <summary>
/// What a Reqnroll test-framework adapter (Reqnroll.xUnit and the like) brings to the runtime, here for our own
/// driver: how a pending, inconclusive or ignored scenario is reported. None of those adapters is served to us, and
/// the kit needs none: <see cref="ScenarioDriver"/> runs scenarios without generated code.
/// </summary>
public sealed class KitRuntimePlugin : IRuntimePlugin
{
    public const string ProviderName = "heygen-kit";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<KitUnitTestRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<KitAttachmentHandler, IReqnrollAttachmentHandler>();
    }
}

/// <summary>
/// Files a binding attaches: nothing to hand them to beyond Reqnroll's own formatters, which record the attachment
/// themselves (a test framework's adapter would pass them on to it).
/// </summary>
public sealed class KitAttachmentHandler : IReqnrollAttachmentHandler
{
    public void AddAttachment(string filePath)
    {
    }
}

/// <summary>A pending or undefined step fails the scenario with Reqnroll's message (which holds the binding to paste).</summary>
public sealed class KitUnitTestRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new PendingScenarioException(message);
    public void TestInconclusive(string message) => throw new PendingScenarioException(message);
    public void TestIgnore(string message) => throw new SkippedScenarioException(message);
    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => exception switch
    {
        SkippedScenarioException => ScenarioExecutionStatus.Skipped,
        PendingScenarioException => ScenarioExecutionStatus.StepDefinitionPending,
        _ => null,
    };
}

/// <summary>A step is undefined or pending: the message says which and how to bind it.</summary>
public sealed class PendingScenarioException(string message) : Exception(message);

/// <summary>A scenario that cannot run here (the client lacks what it needs, say): reported as skipped, with why.</summary>
public sealed class SkippedScenarioException(string message) : Exception(message);
