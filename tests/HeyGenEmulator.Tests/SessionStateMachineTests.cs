using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Journal;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Tests;

public sealed class SessionStateMachineTests
{
    private readonly EmulatorClock _clock = new();
    private readonly ApiKey _key = new("k", Plan.Trial);

    private SessionManager Manager(int startDelayMs = 0, EmulatorClock? clock = null)
    {
        clock ??= _clock;
        var journal = new LiveKitJournal(new RequestJournal(100, 1024 * 1024), clock);
        var rooms = new LiveKitRooms(clock, journal, NullLogger<LiveKitRooms>.Instance);
        var liveKit = new LiveKitSessionMedia(rooms, new AvatarEvents(clock, rooms, NullLogger<AvatarEvents>.Instance), new EstimatedSpeech());
        return new(clock, new SessionMediaRouter(new SignallingOnlyMedia(), liveKit), new ChatSockets(journal), rooms, new TokenStore(),
            Options.Create(new EmulatorOptions { StartDelayMs = startDelayMs }), NullLogger<SessionManager>.Instance);
    }

    private static SessionSpec Spec(ApiVersion version = ApiVersion.V2, TimeSpan? idle = null) =>
        new(new Avatar("a", "A", AvatarKind.Interactive, "v", null, DateTimeOffset.UnixEpoch), new Voice("v", "V", "en", "f"),
            1.0, null, VideoQuality.Low, version, VideoEncoding.Vp8, null, idle ?? TimeSpan.FromSeconds(120), null, false);

    private static int CodeOf(Action act) => Assert.Throws<HeyGenException>(act).Error.Code;

    [Fact]
    public async Task Calls_during_start_see_connecting_10002_and_start_completes_when_the_clock_moves()
    {
        var sessions = Manager(startDelayMs: 60_000);
        var session = sessions.Create(_key, Spec());
        var starting = sessions.StartAsync(session, null, CancellationToken.None);

        Assert.Equal(SessionState.Connecting, session.State);
        Assert.Equal(10002, CodeOf(() => sessions.Interrupt(session)));
        Assert.Equal(10002, CodeOf(() => sessions.StartAsync(session, null, CancellationToken.None).GetAwaiter().GetResult()));

        _clock.Advance(TimeSpan.FromSeconds(60));
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SessionState.Connected, session.State);
    }

    [Fact]
    public void Each_state_has_its_own_code()
    {
        Assert.Equal(
            [10001, 10002, 10003, 10004, 10005],
            Enum.GetValues<SessionState>().Select(s => s.WrongStateError().Code).ToArray());
        Assert.Equal("Session state wrong: closing", SessionState.Closing.WrongStateError().Message);
    }

    [Fact]
    public void A_closing_session_refuses_calls_with_10004()
    {
        var sessions = Manager();
        var session = sessions.Create(_key, Spec());
        session.State = SessionState.Closing;
        Assert.Equal(10004, CodeOf(() => sessions.KeepAlive(session)));
        Assert.Equal(10004, CodeOf(() => sessions.Stop(session)));
    }

    [Fact]
    public async Task Queued_tasks_play_one_after_another_and_interrupt_ends_talking_now()
    {
        var sessions = Manager();
        var session = sessions.Create(_key, Spec());
        await sessions.StartAsync(session, null, CancellationToken.None);
        var first = await sessions.SpeakAsync(session, TaskType.Repeat, TaskMode.Async, "one two three", CancellationToken.None);
        var second = await sessions.SpeakAsync(session, TaskType.Repeat, TaskMode.Async, "four five", CancellationToken.None);

        Assert.Equal(first.EndsAt, second.StartsAt);
        Assert.True(session.IsTalking(_clock.GetUtcNow()));
        sessions.Interrupt(session);
        Assert.False(session.IsTalking(_clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_sync_task_returns_when_its_speech_ends_on_the_emulators_clock()
    {
        var clock = new EmulatorClock(new FrozenTime());
        var sessions = Manager(clock: clock);
        var session = sessions.Create(_key, Spec());
        await sessions.StartAsync(session, null, CancellationToken.None);
        var text = string.Join(' ', Enumerable.Repeat("word", 300)); // about 100 s of speech
        var speaking = sessions.SpeakAsync(session, TaskType.Repeat, TaskMode.Sync, text, CancellationToken.None);
        // Real time is frozen, so only an advance can end the wait: not done now means it waits for the clock.
        Assert.False(speaking.IsCompleted, "a sync task returned before its speech ended");
        var task = Assert.Single(session.TaskSnapshot());
        clock.Advance(task.EndsAt - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.False(speaking.IsCompleted, "a sync task returned a second before its speech ended");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(task, await speaking.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.GetUtcNow() >= task.EndsAt);
    }

    [Fact]
    public void Idle_timeout_is_measured_from_the_end_of_speech()
    {
        var session = new Session("s", _key, Spec(idle: TimeSpan.FromSeconds(30)), _clock.GetUtcNow());
        session.State = SessionState.Connected;
        session.TalkingUntil = _clock.GetUtcNow().AddSeconds(20);
        Assert.Null(SessionRules.ExpiryReason(session, _clock.GetUtcNow().AddSeconds(49), TimeSpan.FromSeconds(600)));
        Assert.Equal("idle_timeout", SessionRules.ExpiryReason(session, _clock.GetUtcNow().AddSeconds(50), TimeSpan.FromSeconds(600)));
    }

    [Fact]
    public void Duration_limit_wins_over_activity_and_disabled_idle()
    {
        var session = new Session("s", _key, Spec() with { IdleTimeout = null }, _clock.GetUtcNow());
        session.LastActivityAt = _clock.GetUtcNow().AddSeconds(599);
        Assert.Null(SessionRules.ExpiryReason(session, _clock.GetUtcNow().AddSeconds(599), TimeSpan.FromSeconds(600)));
        Assert.Equal("duration_limit", SessionRules.ExpiryReason(session, _clock.GetUtcNow().AddSeconds(600), TimeSpan.FromSeconds(600)));
    }

    [Fact]
    public void Closing_fires_the_closed_event_once_with_the_reason()
    {
        var sessions = Manager();
        var reasons = new List<string>();
        sessions.Closed += (_, reason) => reasons.Add(reason);
        var session = sessions.Create(_key, Spec());
        _clock.Advance(TimeSpan.FromSeconds(121));
        _clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(["idle_timeout"], reasons);
        Assert.False(sessions.Kill(session.Id, "admin"));
    }

    [Fact]
    public void The_concurrency_limit_counts_only_open_sessions_of_the_same_key()
    {
        var sessions = Manager();
        var created = Enumerable.Range(0, 3).Select(_ => sessions.Create(_key, Spec())).ToList();
        Assert.Equal(10007, CodeOf(() => sessions.Create(_key, Spec())));
        sessions.Create(new ApiKey("other", Plan.Trial), Spec());
        sessions.Stop(created[0]);
        sessions.Create(_key, Spec());
    }

    [Fact]
    public void A_token_claim_that_fails_creates_no_session()
    {
        var sessions = Manager();
        Assert.Equal(400112, CodeOf(() => sessions.Create(_key, Spec(), _ => false)));
        Assert.Empty(sessions.All);
    }
}
