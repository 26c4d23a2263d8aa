namespace HeyGenEmulator.LiveKit;

/// <summary>
/// <c>Emulator:LiveKit</c> signalling knobs (the same section as <see cref="Configuration.LiveKitOptions"/>'s key and
/// secret). Env: <c>Emulator__LiveKit__Msid=false</c>.
/// </summary>
public sealed class LiveKitSettings
{
    public const string Section = "Emulator:LiveKit";

    /// <summary>
    /// Write <c>a=msid:PA_…|TR_… TR_…</c> on every media section of the subscriber offer (spec S2). Turning it off
    /// exists only to prove the negative: without it the browser never gets <c>stream_ready</c>.
    /// </summary>
    public bool Msid { get; set; } = true;

    /// <summary>JoinResponse.ping_interval / ping_timeout, seconds (LiveKit's values).</summary>
    public int PingInterval { get; set; } = 5;
    public int PingTimeout { get; set; } = 15;

    /// <summary>server_info.version and server_version; must not be empty (the client aborts).</summary>
    public string ServerVersion { get; set; } = "1.9.0";

    /// <summary>
    /// server_info.protocol; ≤ 13 makes livekit-client 2.11.3 pre-create publisher data channels. The Rust-core SDKs
    /// read only server_info.version; clients of protocol 16 and 17 get the same flow (17 only adds what a server may
    /// send, such as packet trailers, which this one does not).
    /// </summary>
    public int Protocol { get; set; } = 16;

    /// <summary>Delay between <c>leave</c> and closing the socket on session end (spec S9).</summary>
    public int LeaveCloseDelayMs { get; set; } = 100;

    /// <summary>
    /// Longest wait, on session end, for the client to acknowledge the data already sent before the <c>leave</c> goes.
    /// </summary>
    public int LeaveDataWaitMs { get; set; } = 1000;

    /// <summary>RMS level (0–32767) of 16-bit microphone audio above which the VAD hears speech.</summary>
    public double VadThreshold { get; set; } = 500;

    /// <summary>Silence after speech before the VAD reports <c>user_stop</c>.</summary>
    public int VadHangoverMs { get; set; } = 600;

    /// <summary>Quiet conversation (user silent, avatar not talking) before a <c>user_silence</c> event, seconds.</summary>
    public int SilencePromptSeconds { get; set; } = 15;

    /// <summary>At most this many <c>user_silence</c> events in a row; the user's next words start the count again.</summary>
    public int SilencePromptMax { get; set; } = 3;
}
