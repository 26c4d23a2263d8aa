using HeyGenEmulator.Clock;
using HeyGenEmulator.Journal;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Admin;

/// <summary>
/// A version number that moves whenever something the dashboard shows may have changed (a journal entry — every API,
/// LiveKit, chat and LiveAvatar call writes one —, a session closed, interrupted or listening, the clock moved, a reset).
/// The page long-polls it and fetches sessions and journal when it moves, instead of polling them several times a second
/// while nothing happens: what watching 50 streaming sessions cost the emulator was mostly those idle polls.
/// </summary>
public sealed class AdminChanges
{
    private long _version;
    private TaskCompletionSource? _waiters;

    public AdminChanges(RequestJournal journal, SessionManager sessions, EmulatorClock clock)
    {
        journal.Changed += Bump;
        sessions.Closed += (_, _) => Bump();
        sessions.Interrupted += _ => Bump();
        sessions.ListeningChanged += (_, _) => Bump();
        clock.Moved += Bump;
    }

    public long Version => Interlocked.Read(ref _version);

    public void Bump()
    {
        Interlocked.Increment(ref _version);
        // Nobody waiting costs nothing: a busy API bench bumps thousands of times a second.
        Interlocked.Exchange(ref _waiters, null)?.TrySetResult();
    }

    /// <summary>The version as soon as it differs from <paramref name="after"/>, or as it is when <paramref name="wait"/> is over.</summary>
    public async Task<long> WaitAsync(long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiters = Interlocked.CompareExchange(ref _waiters, fresh, null) ?? fresh;
        // Read after joining the waiters: a bump in between either shows here or completes what we wait on.
        if (Version != after) return Version;
        try
        {
            await waiters.Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        return Version;
    }
}
