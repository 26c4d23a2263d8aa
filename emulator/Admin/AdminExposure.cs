using System.Net;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Admin;

/// <summary>The emulator will not listen beyond loopback with an open admin API: anyone on the network could reset it, inject faults and read the journal.</summary>
public static class AdminExposure
{
    /// <summary>Throws <see cref="AdminTokenRequiredException"/> when an address the emulator binds is not loopback and no admin token is set.</summary>
    public static void Check(IConfiguration configuration, string urls)
    {
        if (!string.IsNullOrEmpty(configuration[$"{EmulatorOptions.Section}:{nameof(EmulatorOptions.AdminToken)}"])) return;
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .Where(url => !IsLoopbackUrl(url))
            .ToList();
        // Media:BindAddress that is not an IP falls back to loopback (MediaSettings), so only a parsed one counts.
        if (IPAddress.TryParse(configuration["Emulator:Media:BindAddress"], out var media) && !IPAddress.IsLoopback(media))
            exposed.Add($"Emulator:Media:BindAddress={media}");
        if (exposed.Count == 0) return;
        throw new AdminTokenRequiredException(
            $"it listens beyond loopback ({string.Join(", ", exposed)}) and Emulator:AdminToken is not set, so anyone who can reach it " +
            "could drive the admin API (/_emulator). Set a token, e.g. Emulator__AdminToken=<secret> (or --Emulator:AdminToken=<secret>), " +
            $"and send it as 'Authorization: Bearer <secret>' or '{AdminTokenCheck.HeaderName}: <secret>'; the conformance kit reads HEYGEN_ADMIN_TOKEN.");
    }

    public static bool IsLoopbackUrl(string url)
    {
        // Kestrel's wildcards (*, +) and unparsable hosts bind every interface, or might.
        var normal = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normal, UriKind.Absolute, out var uri)) return false;
        if (uri.IsLoopback) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>A setup problem with a known fix; Program prints the message without a stack trace.</summary>
public sealed class AdminTokenRequiredException(string message) : Exception(message);
