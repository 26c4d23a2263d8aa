namespace HeyGenEmulator.Configuration;

/// <summary>LiveAvatar, HeyGen's successor API, served by the same process (<c>Emulator:LiveAvatar:*</c>).</summary>
public sealed class LiveAvatarOptions
{
    /// <summary>Works out of the box beside HeyGen's <c>emulator-key</c>; LiveAvatar keys are their own (D-MIG).</summary>
    public const string DefaultKey = "liveavatar-key";

    /// <summary>LiveAvatar API keys (<c>key[:trial|paid]</c>); <see cref="DefaultKey"/> when empty. A HeyGen key here is ignored.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Where clients reach the LiveAvatar API (its <c>ws_url</c> and <c>livekit_url</c>); the HeyGen base URL when unset.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>A session's length when the token asks for none (seconds).</summary>
    public int DefaultMaxSessionDuration { get; set; } = 1200;

    /// <summary>The plan's cap on <c>max_session_duration</c> (seconds); a longer ask is a 422.</summary>
    public int MaxSessionDurationLimit { get; set; } = 7200;

    /// <summary>Sandbox sessions end after this long, "treated as a maximum duration reached" (D-SBX: about a minute).</summary>
    public int SandboxSessionSeconds { get; set; } = 60;

    /// <summary>Idle sessions end after this long without activity or keep-alive (D-LITE, FG: 5 minutes).</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Concurrent sessions per key ("trial tokens allow max 3 concurrent sessions", third party).</summary>
    public int ConcurrentSessions { get; set; } = 3;
}
