using System.Diagnostics;

namespace HeyGenEmulator.Streaming;

/// <summary>Where clip preparation stands, as <c>/_emulator/health</c> and the dashboard report it.</summary>
public sealed record PreparationStatus(bool Preparing, double Percent, string? Clip, double? SecondsLeft);

/// <summary>
/// Progress of the avatar clips being prepared, counted in seconds of clip encoded over seconds planned, for one batch:
/// from the first planned or started clip until none is left (startup plans all of the default avatar's clips at once,
/// so the bar does not restart for each). Time left is extrapolated from the batch's real elapsed time, never the
/// emulator clock. Logs a progress line at most every two seconds.
/// </summary>
public sealed class ClipPreparation(ILogger<ClipPreparation> log)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(2);

    private sealed class Clip(double total)
    {
        public double Total { get; } = total;
        public double Done { get; set; }
        public bool Finished { get; set; }
    }

    private readonly Dictionary<string, Clip> _batch = new(StringComparer.Ordinal);
    private long _batchStarted, _lastLogged;
    private string? _current;

    /// <summary>Clips that will be prepared soon: they count (at zero) from now, so the batch spans them all.</summary>
    public void Plan(string key, double totalSeconds)
    {
        lock (_batch)
        {
            if (_batch.Count == 0) _batchStarted = Stopwatch.GetTimestamp();
            _batch.TryAdd(key, new Clip(totalSeconds));
        }
    }

    public void Report(string key, string clip, double doneSeconds, double totalSeconds)
    {
        PreparationStatus status;
        lock (_batch)
        {
            Plan(key, totalSeconds);
            var entry = _batch[key];
            entry.Done = Math.Clamp(doneSeconds, entry.Done, entry.Total);
            _current = clip;
            if (Stopwatch.GetElapsedTime(_lastLogged) < LogEvery) return;
            _lastLogged = Stopwatch.GetTimestamp();
            status = StatusLocked();
        }
        log.LogInformation("Preparing avatar clips: {Percent:0} % ({Clip}), {Left}", status.Percent, status.Clip,
            status.SecondsLeft is { } left ? $"about {left:0} s left" : "estimating time left");
    }

    /// <summary>A clip is ready (or failed: it is not coming either way). The last one ends the batch.</summary>
    public void Finished(string key)
    {
        double seconds;
        lock (_batch)
        {
            if (!_batch.TryGetValue(key, out var entry)) return;
            entry.Finished = true;
            entry.Done = entry.Total;
            if (_batch.Values.Any(c => !c.Finished)) return;
            seconds = Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds;
            var encoded = _lastLogged != 0;
            _batch.Clear();
            _current = null;
            _lastLogged = 0;
            if (!encoded) return; // all from the bundle or the cache: nothing worth a line
        }
        log.LogInformation("Preparing avatar clips: 100 %, done in {Seconds:0.0} s", seconds);
    }

    public PreparationStatus Status
    {
        get { lock (_batch) return StatusLocked(); }
    }

    private PreparationStatus StatusLocked()
    {
        if (_batch.Count == 0) return new PreparationStatus(false, 100, null, null);
        var total = _batch.Values.Sum(c => c.Total);
        var fraction = total > 0 ? _batch.Values.Sum(c => c.Done) / total : 0;
        var elapsed = Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds;
        double? left = fraction >= 0.02 ? elapsed * (1 - fraction) / fraction : null;
        return new PreparationStatus(true, Math.Round(fraction * 100, 1), _current, left is { } l ? Math.Round(l, 1) : null);
    }
}
