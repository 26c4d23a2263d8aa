namespace HeyGenEmulator.Sessions;

/// <summary>HeyGen's session states, in lifecycle order (heygen-wire.md §6).</summary>
public enum SessionState { New, Connecting, Connected, Closing, Closed }

public static class SessionStateNames
{
    public static string Wire(this SessionState state) => state switch
    {
        SessionState.New => "new",
        SessionState.Connecting => "connecting",
        SessionState.Connected => "connected",
        SessionState.Closing => "closing",
        _ => "closed",
    };
}
