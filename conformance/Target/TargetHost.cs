using HeyGenEmulator.Configuration;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Conformance.Target;

/// <summary>Starts the target once per test run: for the default target, the real emulator app on 127.0.0.1:0.</summary>
public static class TargetHost
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static KitTarget? _target;
    // Kept for the whole run: the kit never stops its target.
    private static EmulatorHost? _host;
    // Emulators started for scenarios that need a setting of their own (@emulator-setting:…), one per set of settings.
    private static readonly Dictionary<string, (KitTarget Target, EmulatorHost Host)> WithSettings = new(StringComparer.Ordinal);

    /// <summary>The tag that gives a scenario its own in-process emulator with one more setting: <c>@emulator-setting:Key=value</c>.</summary>
    public const string SettingTagPrefix = "@emulator-setting:";

    /// <summary>The command-line settings a scenario's tags ask for (<see cref="SettingTagPrefix"/>), in order.</summary>
    public static IReadOnlyList<string> SettingArgs(IEnumerable<string> tags) =>
        [.. tags.Where(t => t.StartsWith(SettingTagPrefix, StringComparison.Ordinal)).Select(t => "--" + t[SettingTagPrefix.Length..])];

    /// <summary>
    /// The target for a scenario: the shared one, or (for <see cref="SettingArgs"/>) an in-process emulator started
    /// once with those settings on top of <c>HEYGEN_EMULATOR_ARGS</c>. Only the in-process target can take settings.
    /// </summary>
    public static async Task<KitTarget> GetAsync(IReadOnlyList<string> settings)
    {
        if (settings.Count == 0) return await GetAsync();
        if (KitTarget.KindFromEnvironment() != TargetKind.InProcessEmulator)
            throw new InvalidOperationException($"Scenarios tagged {SettingTagPrefix}… need the in-process emulator");
        var key = string.Join(" ", settings);
        await Gate.WaitAsync();
        try
        {
            if (WithSettings.TryGetValue(key, out var existing)) return existing.Target;
            var (target, host) = await StartInProcessAsync([.. ExtraArgs(), .. settings]);
            WithSettings[key] = (target, host);
            return target;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<KitTarget> GetAsync()
    {
        if (_target is not null) return _target;
        await Gate.WaitAsync();
        try
        {
            return _target ??= await CreateAsync(KitTarget.KindFromEnvironment());
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<KitTarget> CreateAsync(TargetKind kind)
    {
        switch (kind)
        {
            case TargetKind.Live:
                var liveKey = Environment.GetEnvironmentVariable("HEYGEN_API_KEY");
                if (string.IsNullOrWhiteSpace(liveKey)) throw new KitTargetException("the live target needs HEYGEN_API_KEY");
                var live = new KitTarget(kind, WithSlash(Environment.GetEnvironmentVariable("HEYGEN_BASE_URL") ?? "https://api.heygen.com/"),
                    new Dictionary<string, string> { ["trial"] = liveKey })
                {
                    LiveAvatarBaseUrl = WithSlash(Environment.GetEnvironmentVariable("HEYGEN_LIVEAVATAR_BASE_URL") ?? "https://api.liveavatar.com/"),
                    LiveAvatarKey = Environment.GetEnvironmentVariable("HEYGEN_LIVEAVATAR_API_KEY"),
                };
                await LiveCheck.RunAsync(live);
                return live;
            case TargetKind.RunningEmulator:
                var keys = new Dictionary<string, string> { ["trial"] = Environment.GetEnvironmentVariable("HEYGEN_API_KEY") ?? "emulator-key" };
                if (Environment.GetEnvironmentVariable("HEYGEN_OTHER_API_KEY") is { } other) keys["other"] = other;
                if (Environment.GetEnvironmentVariable("HEYGEN_PAID_API_KEY") is { } paid) keys["paid"] = paid;
                return new KitTarget(kind, WithSlash(Environment.GetEnvironmentVariable("HEYGEN_BASE_URL")!), keys)
                {
                    AdminToken = Environment.GetEnvironmentVariable("HEYGEN_ADMIN_TOKEN") is { Length: > 0 } token ? token : null,
                    LiveAvatarKey = Environment.GetEnvironmentVariable("HEYGEN_LIVEAVATAR_API_KEY") ?? LiveAvatarOptions.DefaultKey,
                };
            default:
                (var target, _host) = await StartInProcessAsync(ExtraArgs());
                return target;
        }
    }

    /// <summary>Stops the emulators the kit started (the tool, at the end of its run).</summary>
    public static async Task StopAsync()
    {
        await Gate.WaitAsync();
        try
        {
            foreach (var host in WithSettings.Values.Select(w => w.Host).Append(_host).OfType<EmulatorHost>()) await host.DisposeAsync();
            WithSettings.Clear();
            (_host, _target) = (null, null);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<(KitTarget, EmulatorHost)> StartInProcessAsync(IReadOnlyList<string> args)
    {
        var host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.AddRange([$"{KitTarget.InProcessTrialKey}:trial", $"{KitTarget.InProcessOtherKey}:trial", $"{KitTarget.InProcessPaidKey}:paid"]);
            o.Args.AddRange(args);
        });
        return (new KitTarget(TargetKind.InProcessEmulator, host.BaseUrl, new Dictionary<string, string>
        {
            ["trial"] = KitTarget.InProcessTrialKey,
            ["other"] = KitTarget.InProcessOtherKey,
            ["paid"] = KitTarget.InProcessPaidKey,
        }) { LiveAvatarKey = LiveAvatarOptions.DefaultKey }, host);
    }

    /// <summary>
    /// <c>HEYGEN_EMULATOR_ARGS</c>: more settings for the in-process emulator, space-separated — e.g.
    /// <c>--Emulator:Media:Enabled=false</c>, which test.sh uses to run the @media-parity features without media.
    /// </summary>
    private static string[] ExtraArgs() =>
        (Environment.GetEnvironmentVariable("HEYGEN_EMULATOR_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
