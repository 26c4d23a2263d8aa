using System.Diagnostics;

namespace HeyGenEmulator.WebRtc.Peer;

/// <summary>
/// When the next unit (frame or packet) of one track is due, in <see cref="Stopwatch"/> ticks. Due times advance by
/// exactly one period per unit so there is no drift; after a stall longer than <see cref="MaxLag"/> the schedule
/// jumps forward and reports the skipped time so the RTP timestamp can skip too (keeping it in step with the clock).
/// </summary>
public sealed class PacingSchedule
{
    private readonly long _periodTicks;
    private readonly long _maxLagTicks;

    public PacingSchedule(TimeSpan period, long startTicks, TimeSpan? maxLag = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        Period = period;
        _periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
        MaxLag = maxLag ?? TimeSpan.FromMilliseconds(500);
        _maxLagTicks = (long)(MaxLag.TotalSeconds * Stopwatch.Frequency);
        NextDue = startTicks;
    }

    public TimeSpan Period { get; }
    public TimeSpan MaxLag { get; }
    public long NextDue { get; private set; }

    /// <summary>
    /// True if a unit is due at <paramref name="now"/>; then <paramref name="lateness"/> is how late it is and
    /// <paramref name="skippedPeriods"/> how many whole periods were dropped first because of a stall (usually 0).
    /// Call repeatedly until false to catch up (bursts are bounded by <see cref="MaxLag"/>).
    /// </summary>
    public bool TryTake(long now, out TimeSpan lateness, out int skippedPeriods)
    {
        skippedPeriods = 0;
        lateness = TimeSpan.Zero;
        if (now < NextDue) return false;
        long late = now - NextDue;
        if (late > _maxLagTicks)
        {
            skippedPeriods = (int)(late / _periodTicks);
            NextDue += skippedPeriods * _periodTicks;
            late = now - NextDue;
        }
        lateness = TimeSpan.FromSeconds((double)late / Stopwatch.Frequency);
        NextDue += _periodTicks;
        return true;
    }
}
