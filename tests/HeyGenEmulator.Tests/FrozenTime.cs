namespace HeyGenEmulator.Tests;

/// <summary>
/// Real time that never passes, for an <see cref="Clock.EmulatorClock"/>: only the test's advances move that clock, so
/// "has not happened yet" is a fact rather than a guess made after a sleep.
/// </summary>
public sealed class FrozenTime : TimeProvider
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => 0;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

    private sealed class NeverFires : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
