namespace HeyGenEmulator.Clock;

/// <summary>Arithmetic on the emulator's instants that timelines share (queued speech, quiet periods).</summary>
public static class Instants
{
    /// <summary>The later of two instants: "after whatever is still playing, or now".</summary>
    public static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
