namespace HeyGenEmulator.Conformance.Target;

public enum TargetKind { InProcessEmulator, RunningEmulator, Live }

/// <summary>
/// What the kit runs against, from the environment:
/// default — the emulator started in this process on a real loopback port;
/// <c>HEYGEN_BASE_URL</c> — an emulator already running there (keys from <c>HEYGEN_API_KEY</c>, <c>HEYGEN_OTHER_API_KEY</c>;
/// its admin token, if it has one, from <c>HEYGEN_ADMIN_TOKEN</c>);
/// <c>HEYGEN_TARGET=live</c> with <c>HEYGEN_API_KEY</c> — the real API (scenarios tagged @emulator-only are left out).
/// LiveAvatar's scenarios (@liveavatar) use <see cref="LiveAvatarBaseUrl"/> and <see cref="LiveAvatarKey"/>: the emulator's
/// own URL and <c>liveavatar-key</c> (or <c>HEYGEN_LIVEAVATAR_API_KEY</c>); live, <c>HEYGEN_LIVEAVATAR_BASE_URL</c>
/// (default https://api.liveavatar.com/) with <c>HEYGEN_LIVEAVATAR_API_KEY</c>, and they are left out without one.
/// </summary>
public sealed record KitTarget(TargetKind Kind, Uri BaseUrl, IReadOnlyDictionary<string, string> Keys)
{
    public const string InProcessTrialKey = "kit-trial-key";
    public const string InProcessOtherKey = "kit-other-key";
    public const string InProcessPaidKey = "kit-paid-key";

    public bool IsEmulator => Kind != TargetKind.Live;

    /// <summary>Emulator:AdminToken of a running emulator, sent on admin calls; null on loopback targets without one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Where LiveAvatar's API is: the emulator serves both APIs on one port.</summary>
    public Uri LiveAvatarBaseUrl { get; init; } = BaseUrl;

    /// <summary>The LiveAvatar API key (LiveAvatar's keys are not HeyGen's); null when the target has none.</summary>
    public string? LiveAvatarKey { get; init; }

    public const string LiveAvatarTag = "@liveavatar";

    /// <summary>Key by role: "trial" (the main key), "other" (a second key of the same plan), "paid".</summary>
    public string? Key(string role) => Keys.TryGetValue(role, out var key) ? key : null;

    public static TargetKind KindFromEnvironment()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("HEYGEN_TARGET"), "live", StringComparison.OrdinalIgnoreCase)) return TargetKind.Live;
        return string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("HEYGEN_BASE_URL")) ? TargetKind.InProcessEmulator : TargetKind.RunningEmulator;
    }

    /// <summary>Scenarios that cannot run on this target, and why; the kit leaves them out and says so.</summary>
    public static string DefaultExclusion(TargetKind kind) => kind switch
    {
        TargetKind.Live when string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("HEYGEN_LIVEAVATAR_API_KEY")) => $"not @emulator-only and not {LiveAvatarTag}",
        TargetKind.Live => "not @emulator-only",
        TargetKind.RunningEmulator when Environment.GetEnvironmentVariable("HEYGEN_OTHER_API_KEY") is null => "not @second-key",
        _ => "",
    };
}
