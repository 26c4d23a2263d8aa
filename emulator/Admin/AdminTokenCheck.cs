using System.Security.Cryptography;
using System.Text;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Http;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Admin;

/// <summary>
/// With <see cref="EmulatorOptions.AdminToken"/> set, everything under <c>/_emulator</c> (matched or not) needs it, as
/// <c>Authorization: Bearer &lt;token&gt;</c> or <c>X-Emulator-Admin-Token: &lt;token&gt;</c> (the dashboard page alone also as
/// <c>?token=</c>). Unset: open, as on loopback.
/// </summary>
public sealed class AdminTokenCheck(RequestDelegate next, IOptions<EmulatorOptions> options)
{
    public const string PathPrefix = "/_emulator";
    public const string HeaderName = "X-Emulator-Admin-Token";

    private static readonly HeyGenError Refused = HeyGenErrors.Unauthorized with
    {
        Message = $"Unauthorized: the admin API needs Emulator:AdminToken, as 'Authorization: Bearer <token>' or '{HeaderName}: <token>'",
    };

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var token = options.Value.AdminToken;
        if (string.IsNullOrEmpty(token) || !IsAdminPath(context.Request.Path) || Presented(context.Request) is { } given && Same(given, token))
            return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Envelope.WriteErrorAsync(context, Refused);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ } header, ..]) return header;
        // A browser opening the dashboard cannot send a header; the page's script sends it on every call it makes.
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(PathPrefix + DashboardPage.Path, StringComparison.OrdinalIgnoreCase) &&
            request.Query[DashboardPage.TokenQuery] is [{ } query, ..]) return query;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
