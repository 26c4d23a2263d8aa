namespace HeyGenEmulator.Sessions;

/// <summary>One streamed utterance on the session's timeline: from its first chunk until speak_end (or commit) and drain.</summary>
internal sealed class RealtimeUtterance(string? eventId, DateTimeOffset startsAt)
{
    public string? EventId { get; } = eventId;
    public string TaskId { get; } = Guid.NewGuid().ToString();
    public DateTimeOffset StartsAt { get; } = startsAt;
    public DateTimeOffset EndsAt { get; set; } = startsAt;
    /// <summary>speak_end or commit arrived: no more audio joins it, it ends when its audio has played.</summary>
    public bool Ending { get; set; }
    public bool Announced { get; set; }
}

/// <summary>
/// The realtime state of one session (all under <see cref="Gate"/>): its utterances in play order, the uncommitted
/// <c>audio_buffer_append</c> audio, and the listening sockets. <see cref="Changed"/> wakes the event loop.
/// </summary>
// The stop source is cancelled when the session closes, never disposed: the event loop may still be reading its token.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "cancelled, not disposed; no timer or wait handle")]
internal sealed class RealtimeLane(string sessionId)
{
    public string SessionId { get; } = sessionId;
    public object Gate { get; } = new();
    public List<RealtimeUtterance> Utterances { get; } = [];
    public MemoryStream Pending { get; } = new();
    public string? PendingEventId { get; set; }
    public List<Action<RealtimeNotice>> Listeners { get; } = [];
    public CancellationTokenSource Stop { get; } = new();
    public TaskCompletionSource Changed { get; private set; } = NewSignal();

    /// <summary>The utterance new audio joins: the last one unless it is ending.</summary>
    public RealtimeUtterance? Open => Utterances.Count > 0 && !Utterances[^1].Ending ? Utterances[^1] : null;

    public void Signal()
    {
        var old = Changed;
        Changed = NewSignal();
        old.TrySetResult();
    }

    /// <summary>Notices due at <paramref name="now"/> (starts, then ends of drained ending utterances), and when the next falls due.</summary>
    public List<RealtimeNotice> TakeDue(DateTimeOffset now, out DateTimeOffset? next)
    {
        var due = new List<RealtimeNotice>();
        next = null;
        foreach (var u in Utterances.Where(u => !u.Announced))
        {
            if (u.StartsAt <= now)
            {
                u.Announced = true;
                due.Add(new RealtimeNotice(RealtimeNoticeKind.SpeakStarted, u.EventId, u.TaskId));
            }
            else next = Earlier(next, u.StartsAt);
        }
        while (Utterances.Count > 0 && Utterances[0] is { Ending: true, Announced: true } first)
        {
            if (first.EndsAt > now)
            {
                next = Earlier(next, first.EndsAt);
                break;
            }
            Utterances.RemoveAt(0);
            due.Add(new RealtimeNotice(RealtimeNoticeKind.SpeakEnded, first.EventId, first.TaskId));
        }
        return due;
    }

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
