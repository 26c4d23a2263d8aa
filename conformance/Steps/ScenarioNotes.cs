namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// What the bindings leave for the kit's report about one scenario run; the kit registers it in the scenario
/// container and reads it once the scenario has ended.
/// </summary>
public sealed class ScenarioNotes
{
    /// <summary>The emulator journal's entries of a failed scenario, one line per call (see <see cref="Hooks"/>).</summary>
    public string? Journal { get; set; }
}
