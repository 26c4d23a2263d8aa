using System.Net;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Http;

/// <summary>
/// Refuses requests whose Host header is not loopback, <c>localhost</c>, the address the connection arrived on, or a
/// configured name (<see cref="EmulatorOptions.AllowedHosts"/>). A DNS-rebinding page reaches us under its own name,
/// so its requests are same-origin to the browser; the Host header is what gives it away.
/// </summary>
public sealed class HostFilter(RequestDelegate next, IOptions<EmulatorOptions> options)
{
    public Task InvokeAsync(HttpContext context) =>
        IsAllowed(context.Request.Host, context.Connection.LocalIpAddress, Allowed(options.Value))
            ? next(context)
            : Envelope.WriteErrorAsync(context, HeyGenErrors.HostNotAllowed(context.Request.Host.Host));

    public static bool IsAllowed(HostString host, IPAddress? localAddress, IReadOnlyCollection<string> allowed)
    {
        // No Host at all (HTTP/1.0) is not a browser, and a browser is what this guards against.
        if (!host.HasValue) return true;
        var name = host.Host.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(name, out var address))
            // An address literal cannot be rebound; the one the client dialled is as good as loopback.
            return IPAddress.IsLoopback(address) || (localAddress is not null && Normal(address).Equals(Normal(localAddress)));
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return allowed.Any(a => a == "*" || a.Equals(name, StringComparison.OrdinalIgnoreCase) ||
                                (a.StartsWith("*.", StringComparison.Ordinal) && name.EndsWith(a[1..], StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The configured names, and PublicBaseUrl's host: the emulator hands that URL out, so clients come back by it.</summary>
    private static List<string> Allowed(EmulatorOptions options) =>
        Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicUrl) ? [.. options.AllowedHosts, publicUrl.Host] : options.AllowedHosts;

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
