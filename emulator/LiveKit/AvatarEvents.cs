using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The avatar's talk events for every task of a session, timed on the emulator clock with the speech: the start when
/// the task starts (queued tasks in order), one event per word spread over the speech, then the end. Interrupt ends
/// the current sequence at once (with the time spoken) and drops queued ones. What the events look like is the
/// room's API's (<see cref="ITalkEvents"/>): HeyGen's by default (<see cref="HeyGenTalkEvents"/>).
/// </summary>
public sealed class AvatarEvents(EmulatorClock clock, LiveKitRooms rooms, ILogger<AvatarEvents> log)
{
    private readonly HeyGenTalkEvents _heyGen = new(rooms);

    /// <summary>One lane per session: its tasks' sequences run one after another, all cancelled together.</summary>
    // A lane's source is cancelled, never disposed: its sequences may still be reading the token when it is cancelled.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "cancelled, not disposed; no timer or wait handle")]
    private sealed class Lane
    {
        public readonly CancellationTokenSource Cts = new();
        public Task Tail = Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    public void Start(string sessionId, SpokenTask task, ITalkEvents? talk = null)
    {
        talk ??= _heyGen;
        // A task that raced the session's end would open a lane nothing ever removes.
        if (rooms.Find(sessionId) is not { Ended: false }) return;
        var lane = _lanes.GetOrAdd(sessionId, _ => new Lane());
        lock (lane)
        {
            var previous = lane.Tail;
            var token = lane.Cts.Token;
            lane.Tail = Task.Run(async () =>
            {
                try { await previous.ConfigureAwait(false); } catch (Exception) { }
                await RunAsync(sessionId, task, talk, token).ConfigureAwait(false);
            });
        }
    }

    public void Interrupt(string sessionId)
    {
        if (_lanes.TryRemove(sessionId, out var lane)) lane.Cts.Cancel();
    }

    private async Task RunAsync(string sessionId, SpokenTask task, ITalkEvents talk, CancellationToken ct)
    {
        bool started = false;
        DateTimeOffset startedAt = task.StartsAt;
        int words = 0, delivered = 0;
        try
        {
            await clock.WaitUntilAsync(task.StartsAt, ct).ConfigureAwait(false);
            started = true;
            startedAt = clock.GetUtcNow();
            talk.Started(sessionId, task);
            var spoken = task.Clip.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i < spoken.Length; i++)
            {
                await clock.WaitUntilAsync(task.StartsAt + task.Duration * ((double)i / spoken.Length), ct).ConfigureAwait(false);
                var message = i < spoken.Length - 1 ? spoken[i] + " " : spoken[i];
                words++;
                if (talk.Word(sessionId, task, message)) delivered++;
            }
            await clock.WaitUntilAsync(task.EndsAt, ct).ConfigureAwait(false);
            talk.Ended(sessionId, task, task.Duration, words, delivered);
        }
        catch (OperationCanceledException)
        {
            if (started) talk.Ended(sessionId, task, clock.GetUtcNow() - startedAt, words, delivered);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Session {SessionId}: avatar events for task {TaskId} failed", sessionId, task.TaskId);
        }
    }
}

/// <summary>
/// HeyGen's talk events (spec S7): <c>avatar_start_talking</c>, one <c>avatar_talking_message</c> per word (journaled
/// once per task with the word count), <c>avatar_end_message</c> and <c>avatar_stop_talking</c> {task_id, duration_ms}.
/// </summary>
public sealed class HeyGenTalkEvents(LiveKitRooms rooms) : ITalkEvents
{
    public void Started(string sessionId, SpokenTask task) => Send(sessionId, "avatar_start_talking", task.TaskId);

    public bool Word(string sessionId, SpokenTask task, string word) =>
        Send(sessionId, "avatar_talking_message", task.TaskId, new JsonObject { ["message"] = word }, journaled: false);

    public void Ended(string sessionId, SpokenTask task, TimeSpan spoken, int words, int delivered)
    {
        if (words > 0) rooms.JournalTalkingMessages(sessionId, task.TaskId, words, delivered);
        Send(sessionId, "avatar_end_message", task.TaskId);
        var ms = Math.Round(Math.Clamp(spoken.TotalMilliseconds, 0, task.Duration.TotalMilliseconds));
        Send(sessionId, "avatar_stop_talking", task.TaskId, new JsonObject { ["duration_ms"] = ms });
    }

    private bool Send(string sessionId, string type, string taskId, JsonObject? extra = null, bool journaled = true)
    {
        var payload = new JsonObject { ["type"] = type, ["task_id"] = taskId };
        if (extra is not null)
            foreach (var (k, v) in extra) payload[k] = v?.DeepClone();
        return rooms.SendAvatarEvent(sessionId, payload, journaled);
    }
}
