using System.Collections.Concurrent;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// Each session's speech token, owned by the session layer: speech being prepared (queued for a synthesis turn or
/// running espeak-ng/ffmpeg) stops when the session closes, and interrupt drops what is still being prepared while
/// later tasks get a fresh token. Cancelling kills the tools' processes (<c>MediaTools</c>).
/// </summary>
internal sealed class SpeechCancellation
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _sources = new(StringComparer.Ordinal);

    /// <summary>The session's current token; call under the session's gate once it is known to be open.</summary>
    public CancellationToken For(string sessionId) => _sources.GetOrAdd(sessionId, static _ => new CancellationTokenSource()).Token;

    /// <summary>Cancels the session's speech in preparation; the next <see cref="For"/> starts afresh.</summary>
    public void Cancel(string sessionId)
    {
        // Not disposed: a caller may be linking the token right now, and a source without timers holds nothing to free.
        if (!_sources.TryRemove(sessionId, out var source)) return;
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A registration's kill can race the process's own exit (FFMpegCore's cancel callback then throws); the
            // process is gone either way, and a stop or interrupt must not fail because of it (it answered 500 once in CI).
        }
    }
}
