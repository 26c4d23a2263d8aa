namespace HeyGenEmulator.Clock;

/// <summary>
/// The emulator's clock: real time plus an offset that the admin API can move forward,
/// so idle timeouts, duration limits and task lengths fire without anyone sleeping.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _real;
    private long _offsetTicks;

    public EmulatorClock(TimeProvider? real = null) => _real = real ?? System;

    /// <summary>Raised after every advance (and reset), on the caller's thread, so due work runs at once.</summary>
    public event Action? Moved;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + Offset;

    public override long GetTimestamp() => _real.GetTimestamp() + (long)(Offset.Ticks * (TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Moved?.Invoke();
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _offsetTicks, 0);
        Moved?.Invoke();
    }

    /// <summary>
    /// Waits until the emulator's time reaches <paramref name="until"/>: on real time, or sooner if the clock is advanced.
    /// </summary>
    public async Task WaitUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = until - GetUtcNow();
            if (remaining <= TimeSpan.Zero) return;
            var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnMoved() => moved.TrySetResult();
            Moved += OnMoved;
            try
            {
                remaining = until - GetUtcNow();
                if (remaining <= TimeSpan.Zero) return;
                await Task.WhenAny(Task.Delay(remaining, _real, cancellationToken), moved.Task).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                Moved -= OnMoved;
            }
        }
    }
}
