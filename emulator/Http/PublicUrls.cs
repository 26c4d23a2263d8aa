using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Http;

/// <summary>Where clients reach this emulator: <c>Emulator:PublicBaseUrl</c>, else the scheme and host they called.</summary>
public static class PublicUrls
{
    public static string Base(HttpContext context, EmulatorOptions options) =>
        (string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{context.Request.Scheme}://{context.Request.Host}" : options.PublicBaseUrl).TrimEnd('/');

    /// <summary><c>https://h</c> → <c>wss://h</c>, anything else → <c>ws://</c>.</summary>
    public static string WebSocketBase(string baseUrl) =>
        baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? "wss://" + baseUrl[8..]
            : "ws://" + baseUrl[(baseUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
