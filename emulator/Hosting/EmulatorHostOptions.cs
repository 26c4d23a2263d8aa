namespace HeyGenEmulator.Hosting;

/// <summary>
/// How <see cref="EmulatorHost"/> starts the emulator. Every setting becomes a command-line configuration value, so
/// it overrides appsettings.json and environment variables, exactly as <c>--Key=Value</c> would for the real program.
/// </summary>
public sealed class EmulatorHostOptions
{
    /// <summary>Where the API listens; by default a free loopback port. null: the emulator's own default.</summary>
    public string? Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>API keys as <c>key[:trial|paid]</c>; none: the configured keys (appsettings.json's emulator-key).</summary>
    public List<string> ApiKeys { get; } = [];

    /// <summary>false: no WebRTC media engine (signalling-only sessions). null: configured.</summary>
    public bool? Media { get; set; }

    /// <summary>The shared UDP media port; by default a free one, so hosts in one process never compete. null: configured.</summary>
    public int? UdpPort { get; set; } = 0;

    /// <summary>Where prepared avatar clips are cached. null: configured (or the default cache).</summary>
    public string? CacheDir { get; set; }

    /// <summary><c>Emulator:AdminToken</c>: when set, the admin API wants it as Bearer. null: configured (none on loopback).</summary>
    public string? AdminToken { get; set; }

    /// <summary>Logging's default level; by default warnings only, to keep test output readable. null: configured.</summary>
    public string? LogLevel { get; set; } = "Warning";

    /// <summary>Any other configuration value, such as <c>["Emulator:LiveKit:Msid"] = "false"</c>; these win over the properties above.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Raw command-line arguments, applied last (a program that passes its own arguments through).</summary>
    public List<string> Args { get; } = [];

    /// <summary>Runs on the built app before it starts, for extra routes or middleware.</summary>
    public Action<WebApplication>? BeforeStart { get; set; }

    internal string[] ToArgs()
    {
        var args = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null) args.Add($"--{key}={value}");
        }
        Add("urls", Urls);
        for (var i = 0; i < ApiKeys.Count; i++) Add($"Emulator:ApiKeys:{i}", ApiKeys[i]);
        Add("Emulator:Media:Enabled", Media?.ToString().ToLowerInvariant());
        Add("Emulator:Media:UdpPort", UdpPort);
        Add("Emulator:Media:CacheDir", CacheDir);
        Add("Emulator:AdminToken", AdminToken);
        Add("Logging:LogLevel:Default", LogLevel);
        foreach (var (key, value) in Settings) Add(key, value);
        args.AddRange(Args);
        return [.. args];
    }
}
