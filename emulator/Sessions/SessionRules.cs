using HeyGenEmulator.Clock;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// Which calls a session accepts in which state; anything else is HeyGen's 10001–10005 for the current state. The
/// endpoints' validation checks these before acting, and the session layer applies the same table atomically.
/// </summary>
public static class SessionRules
{
    public static readonly SessionState[] Start = [SessionState.New];
    public static readonly SessionState[] Interact = [SessionState.Connected];
    public static readonly SessionState[] Ice = [SessionState.New, SessionState.Connecting, SessionState.Connected];
    public static readonly SessionState[] KeepAlive = [SessionState.New, SessionState.Connecting, SessionState.Connected];
    public static readonly SessionState[] Stop = [SessionState.New, SessionState.Connecting, SessionState.Connected];

    public static void Require(Session session, SessionState[] allowed)
    {
        var state = session.State;
        if (Array.IndexOf(allowed, state) < 0) throw state.WrongStateError().ToException();
    }

    /// <summary>Why an open session must close at <paramref name="now"/>, or null.</summary>
    public static string? ExpiryReason(Session session, DateTimeOffset now, TimeSpan durationLimit)
    {
        if (!session.IsOpen || session.State == SessionState.Closing) return null;
        if (now - session.CreatedAt >= durationLimit) return "duration_limit";
        if (IdleDeadline(session) is { } deadline && now >= deadline) return "idle_timeout";
        return null;
    }

    /// <summary>When the idle timer runs out: the timeout after the last activity or the end of speech, whichever is later.</summary>
    public static DateTimeOffset? IdleDeadline(Session session) =>
        session.Spec.IdleTimeout is { } idle ? Instants.Later(session.LastActivityAt, session.TalkingUntil) + idle : null;
}
