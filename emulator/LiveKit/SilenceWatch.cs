using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// <c>{"event_type":"user_silence","silence_times":n,"count_down":m}</c> (heygen-wire §7.3) for a chat socket opened
/// with <c>silence_response=true</c>. HeyGen does not document when it sends them; the emulator's choice (recorded as
/// @assumed in <c>features/chat_socket.feature</c>): after <see cref="LiveKitSettings.SilencePromptSeconds"/> of a quiet
/// conversation — the user not speaking, the avatar not talking — one event, then one per further period of quiet, at
/// most <see cref="LiveKitSettings.SilencePromptMax"/> in a row. <c>silence_times</c> counts them (1, 2, …) and
/// <c>count_down</c> says how many may still follow. Speech or text from the user starts the count again. Time is the
/// emulator's clock, so a test advances it instead of waiting.
/// </summary>
public sealed class SilenceWatch(EmulatorClock clock, IConversationState session, TimeSpan after, int max, Action<JsonObject> send)
{
    private readonly object _gate = new();
    private DateTimeOffset _quietSince = clock.GetUtcNow();
    private bool _userSpeaking;
    private int _times;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>The user started (true) or stopped (false) speaking.</summary>
    public void UserSpeaking(bool speaking)
    {
        lock (_gate)
        {
            _userSpeaking = speaking;
            _quietSince = clock.GetUtcNow();
            if (speaking) _times = 0;
        }
        Signal();
    }

    /// <summary>The user said something as text: the conversation is not quiet.</summary>
    public void UserActive() => UserSpeaking(false);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && session.IsOpen)
            {
                Task changed;
                DateTimeOffset? due;
                lock (_gate)
                {
                    changed = _changed.Task;
                    due = _userSpeaking || _times >= max ? null : Instants.Later(_quietSince, session.TalkingUntil) + after;
                }
                if (due is null)
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                using (var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    await Task.WhenAny(clock.WaitUntilAsync(due.Value, wake.Token), changed).ConfigureAwait(false);
                    wake.Cancel();
                }
                cancellationToken.ThrowIfCancellationRequested();
                JsonObject? prompt = null;
                lock (_gate)
                {
                    var now = clock.GetUtcNow();
                    // The avatar may have been given a task meanwhile, or the user may have spoken: look again.
                    if (!_userSpeaking && _times < max && session.IsOpen && now >= Instants.Later(_quietSince, session.TalkingUntil) + after)
                    {
                        _times++;
                        _quietSince = now;
                        prompt = new JsonObject { ["event_type"] = "user_silence", ["silence_times"] = _times, ["count_down"] = max - _times };
                    }
                }
                if (prompt is not null) send(prompt);
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = NewSignal();
        }
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What a silence watch needs of its session: whether it is still open and until when the avatar talks.</summary>
public interface IConversationState
{
    bool IsOpen { get; }
    DateTimeOffset TalkingUntil { get; }
}
