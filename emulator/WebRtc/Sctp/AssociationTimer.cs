namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// A restartable one-shot timer over <see cref="TimeProvider"/>. Each start gets a generation number so a
/// callback already queued by an earlier start (or after Stop) is recognised as stale and ignored.
/// </summary>
internal sealed class AssociationTimer(TimeProvider time, Action<AssociationTimer, long> fire) : IDisposable
{
    private ITimer? _timer;
    private long _generation;

    public bool IsRunning { get; private set; }
    public int Attempts { get; set; }

    public void Start(TimeSpan due)
    {
        _timer?.Dispose();
        IsRunning = true;
        long generation = ++_generation;
        _timer = time.CreateTimer(_ => fire(this, generation), null, due, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        IsRunning = false;
        _generation++;
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Called under the association lock: true if this firing is current, and marks the timer stopped.</summary>
    public bool TryConsume(long generation)
    {
        if (!IsRunning || generation != _generation) return false;
        IsRunning = false;
        return true;
    }

    public void Dispose() => Stop();
}
