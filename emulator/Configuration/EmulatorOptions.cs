namespace HeyGenEmulator.Configuration;

/// <summary>Everything under the <c>Emulator</c> configuration section (appsettings, env vars, command line).</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>
    /// API keys as <c>key</c> or <c>key:plan</c> (plan <c>trial</c> or <c>paid</c>; trial when omitted).
    /// Env: <c>Emulator__ApiKeys__0=my-key:paid</c>.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Concurrent sessions per key, by plan.</summary>
    public Dictionary<string, int> ConcurrentSessions { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trial"] = 3,
        ["paid"] = 20,
    };

    /// <summary>Seconds; HeyGen reports 600 for every plan.</summary>
    public int SessionDurationLimit { get; set; } = 600;

    /// <summary>
    /// Longest task text, in characters (UTF-16 code units), for streaming.task, chat-socket text and LiveKit data.
    /// HeyGen's own limit is not published; this one is far above any real prompt and keeps synthesis bounded
    /// (about 900 words, a few minutes of speech). Longer text is refused with 400 400175 before anything is synthesised.
    /// </summary>
    public int MaxTaskTextLength { get; set; } = 5000;

    /// <summary>
    /// Knowledge bases one API key may hold. HeyGen publishes no limit; this one keeps the emulator's memory bounded
    /// (each is at most a few dozen KB, see <c>KnowledgeBaseLimits</c>). Creating one more is 400 400175.
    /// </summary>
    public int MaxKnowledgeBases { get; set; } = 100;

    /// <summary>
    /// Reproduces one user's report (HeyGen forum, discussion 6790f62ab8177700103dcbeb): streaming.task on a v2 session
    /// answered 400 400006 "Session is not in correct state" while no LiveKit client was in the room. Off by default:
    /// one report is thin evidence, and the official SDK always joins before it speaks.
    /// </summary>
    public bool RequireClientInRoomForTasks { get; set; }

    /// <summary>
    /// The <c>Retry-After</c> header (seconds) on every 429. HeyGen documents none; clients such as heygen-go read it
    /// when present, so the emulator sends one they can wait on.
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Largest accepted request body, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many API calls the journal keeps.</summary>
    public int JournalCapacity { get; set; } = 2000;

    /// <summary>
    /// Bytes the journal may hold, roughly (each body is already cut at 8 KB); the oldest entries go first beyond it.
    /// </summary>
    public long JournalMaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How long (emulated) a session takes in the <c>connecting</c> state during streaming.start.</summary>
    public int StartDelayMs { get; set; }

    /// <summary>Seed for probabilistic faults that do not bring their own, so runs repeat.</summary>
    public int FaultSeed { get; set; } = 1234;

    /// <summary>Overrides the public base URL (scheme://host:port) used in <c>url</c> and <c>realtime_endpoint</c>.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The avatar used when a request names none (or names "default").</summary>
    public string DefaultAvatarId { get; set; } = "Wayne_20240711";

    /// <summary>Extra or overridden avatars, by id.</summary>
    public Dictionary<string, AvatarOptions> Avatars { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Extra voices, by id.</summary>
    public Dictionary<string, VoiceOptions> Voices { get; set; } = new(StringComparer.Ordinal);

    public LiveKitOptions LiveKit { get; set; } = new();

    public SpeechOptions Speech { get; set; } = new();

    public LiveAvatarOptions LiveAvatar { get; set; } = new();

    /// <summary>
    /// Host names the emulator answers besides loopback addresses, <c>localhost</c> and <c>*.localhost</c>
    /// (<c>*.example.test</c> matches subdomains; <c>*</c> turns the check off). Any other Host header gets a 403,
    /// so a DNS-rebinding page cannot reach the emulator through a name of its own.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// When set, <c>/_emulator/*</c> needs <c>Authorization: Bearer &lt;token&gt;</c> or <c>X-Emulator-Admin-Token</c>.
    /// Required (startup refuses without it) when the emulator binds beyond loopback.
    /// </summary>
    public string? AdminToken { get; set; }

    public const int DefaultMaxConcurrentConnections = 1000;

    /// <summary>Kestrel's cap on open connections, and separately on upgraded (WebSocket) ones.</summary>
    public int MaxConcurrentConnections { get; set; } = DefaultMaxConcurrentConnections;
}

public sealed class AvatarOptions
{
    /// <summary><c>interactive</c> (usable), <c>deprecated</c> (older avatar version) or <c>studio</c> (exists, not streamable).</summary>
    public string Kind { get; set; } = "interactive";
    public string? Name { get; set; }
    public string? DefaultVoice { get; set; }
    /// <summary>A user's own video file for this avatar (transcoded by the media engine).</summary>
    public string? Video { get; set; }
}

public sealed class VoiceOptions
{
    public string? Name { get; set; }
    public string? Language { get; set; }
    public string? Gender { get; set; }
}

public sealed class LiveKitOptions
{
    /// <summary>LiveKit API key that signs <c>access_token</c>; generated per instance when empty.</summary>
    public string? ApiKey { get; set; }
    public string? ApiSecret { get; set; }
}

/// <summary>Voice chat: where a user's utterance gets its words (<c>Emulator:Speech:*</c>).</summary>
public sealed class SpeechOptions
{
    /// <summary>
    /// A speech recogniser the user installed, run on each utterance that has no queued transcript: the command line,
    /// with <c>{wav}</c> where the utterance's WAV (16 kHz mono 16-bit) goes (appended when absent); its stdout is the
    /// transcript. Unset: no recogniser, the placeholder <c>(speech, 1.4 s)</c> stands in.
    /// </summary>
    public string? RecognizerCommand { get; set; }

    /// <summary>How long one recogniser run may take before it is killed and the placeholder stands in.</summary>
    public int RecognizerTimeoutSeconds { get; set; } = 20;

    /// <summary>Transcripts one session may have queued through the admin API.</summary>
    public int MaxQueuedTranscripts { get; set; } = 32;
}
