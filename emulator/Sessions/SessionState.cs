using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Sessions;

/// <summary>HeyGen's session states, in lifecycle order (heygen-wire.md §6).</summary>
public enum SessionState
{
    [WireName("new")] New,
    [WireName("connecting")] Connecting,
    [WireName("connected")] Connected,
    [WireName("closing")] Closing,
    [WireName("closed")] Closed,
}

public static class SessionStateNames
{
    public static string Wire(this SessionState state) => WireNames<SessionState>.Of(state);

    /// <summary>A call the state does not allow: HeyGen's 10001–10005, one code per state in lifecycle order.</summary>
    public static HeyGenError WrongStateError(this SessionState state) =>
        HeyGenErrors.SessionStateWrong(10001 + (int)state, state.Wire());
}
