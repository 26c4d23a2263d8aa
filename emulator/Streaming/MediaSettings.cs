using HeyGenEmulator.Media;

namespace HeyGenEmulator.Streaming;

/// <summary>
/// <c>Emulator:Media</c>: the WebRTC media engine. Env vars use double underscores, e.g. <c>Emulator__Media__UdpPort=8788</c>.
/// </summary>
public sealed class MediaSettings
{
    public const string Section = "Emulator:Media";
    public const int DefaultUdpPort = 8788;

    /// <summary>false: signalling only (a placeholder offer, no packets), for pure-API runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The one UDP port every v1 session's ICE/DTLS/SRTP uses; 0 = ephemeral. If taken, an ephemeral port is used (logged).</summary>
    public int UdpPort { get; set; } = DefaultUdpPort;

    /// <summary>Address advertised in the offer's host candidate (what the browser sends to).</summary>
    public string PublicAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Address the UDP socket binds. Loopback by default, like the HTTP port: serving browsers on other machines (or
    /// from a container) is opted into with <c>0.0.0.0</c> plus a reachable <see cref="PublicAddress"/>.
    /// </summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The bind address; an unparsable one falls back to loopback, never to every interface.</summary>
    public System.Net.IPAddress ParsedBindAddress =>
        System.Net.IPAddress.TryParse(BindAddress, out var address) ? address : System.Net.IPAddress.Loopback;

    /// <summary>Where encoded avatar clips are cached. Default: $XDG_CACHE_HOME (or ~/.cache)/heygen-emulator/media, else ./.media-cache.</summary>
    public string? CacheDir { get; set; }

    /// <summary>
    /// Clips shipped with the emulator (the dotnet tool, the HeyGenEmulator.Testing package and the container carry the
    /// default avatar's): used before the cache when they pass their hash check. Default: <c>avatar-clips</c> beside the
    /// emulator's assembly.
    /// </summary>
    public string? BundledClipsDir { get; set; }

    /// <summary>Encode the default avatar's clips (every quality and codec) in the background at startup.</summary>
    public bool PrepareAtStartup { get; set; } = true;

    /// <summary>Seconds without a valid ICE check before a connected peer is considered gone (RFC 7675: 30).</summary>
    public double ConsentTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds after streaming.start for the browser to complete ICE + DTLS before the peer is given up.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 30;

    /// <summary>espeak-ng voice for speech.</summary>
    public string SpeechVoice { get; set; } = "en-us";

    /// <summary>Speech syntheses (espeak-ng then ffmpeg) running at once across all sessions; the rest wait their turn.</summary>
    public int SpeechConcurrency { get; set; } = 2;

    /// <summary>Seconds one synthesis may run once it has its turn; then its process is killed and the task fails.</summary>
    public double SpeechTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The ffmpeg binary that encodes avatar clips and speech. Unset: the first <c>ffmpeg</c> on PATH. Startup fails,
    /// naming this setting, when the file is missing (media needs it; <see cref="Enabled"/> = false runs without).
    /// </summary>
    public string? FfmpegPath { get; set; }

    /// <summary>The espeak-ng binary that speaks task text. Unset: the first <c>espeak-ng</c> on PATH. Missing: startup fails, as for ffmpeg.</summary>
    public string? EspeakPath { get; set; }

    /// <summary>
    /// The media tools these settings name, or found on <paramref name="pathVariable"/> (the process's PATH when null).
    /// Throws <see cref="MediaToolMissingException"/> naming every tool that is not there and how to fix it — unless
    /// <paramref name="bundledClips"/>: the default avatar can stream from shipped clips, so missing tools only cost
    /// other avatars and qualities (ffmpeg) and real speech, and each missing one is described in the tools instead.
    /// </summary>
    public MediaTools ResolveTools(string? pathVariable = null, bool bundledClips = false)
    {
        pathVariable ??= Environment.GetEnvironmentVariable("PATH");
        string? ffmpeg = ToolLocator.Find(FfmpegPath, "ffmpeg", pathVariable);
        string? espeak = ToolLocator.Find(EspeakPath, "espeak-ng", pathVariable);
        string ffmpegMissing = Missing("ffmpeg", nameof(FfmpegPath), FfmpegPath), espeakMissing = Missing("espeak-ng", nameof(EspeakPath), EspeakPath);
        if (bundledClips) return MediaTools.Partial(ffmpeg, espeak, ffmpegMissing, espeakMissing);
        var missing = new List<string>();
        if (ffmpeg is null) missing.Add(ffmpegMissing);
        if (espeak is null) missing.Add(espeakMissing);
        if (missing.Count > 0)
            throw new MediaToolMissingException(string.Join(" ", missing) +
                $" Install {(missing.Count == 1 ? "it" : "them")} (apt-get install -y ffmpeg espeak-ng), point the setting{(missing.Count == 1 ? "" : "s")} at {(missing.Count == 1 ? "it" : "them")}, " +
                "or run without media: Emulator__Media__Enabled=false.");
        return new MediaTools(ffmpeg!, espeak!);
    }

    public string ResolveBundledClipsDir() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(BundledClipsDir) ? Path.Combine(AppContext.BaseDirectory, "avatar-clips") : BundledClipsDir);

    private static string Missing(string tool, string setting, string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? $"{tool} not found on PATH (set Emulator__Media__{setting}=/path/to/{tool})."
            : $"{tool} not found at {Path.GetFullPath(configured)} (Emulator__Media__{setting}).";

    public string ResolveCacheDir()
    {
        if (!string.IsNullOrWhiteSpace(CacheDir)) return Path.GetFullPath(CacheDir);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : null;
        return root is null ? Path.GetFullPath(".media-cache") : Path.Combine(root, "heygen-emulator", "media");
    }
}
