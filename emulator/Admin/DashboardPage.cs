using System.Security.Cryptography;

namespace HeyGenEmulator.Admin;

/// <summary>
/// <c>GET /_emulator/ui</c>: the dashboard, one HTML document with its stylesheet and script inlined from the assembly's
/// embedded files, so it works offline and needs one request (a <c>&lt;script src&gt;</c> could not carry the admin
/// token header). The script runs by a per-response nonce; nothing else may, and the page may only talk to this origin.
/// </summary>
public static class DashboardPage
{
    public const string Path = "/ui";

    /// <summary>The page takes the admin token once as <c>?token=</c> (then keeps it in sessionStorage and sends the header).</summary>
    public const string TokenQuery = "token";

    private static readonly Lazy<(string Html, string Css, string Script)> Files = new(() =>
        (Read("index.html"), Read("dashboard.css"), Read("dashboard.js")));

    public static IResult Serve(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var (html, css, script) = Files.Value;
        var page = html.Replace("/*STYLE*/", css, StringComparison.Ordinal)
            .Replace("/*SCRIPT*/", script, StringComparison.Ordinal)
            .Replace("NONCE", nonce, StringComparison.Ordinal);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src 'self' blob: data:; " +
                                        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        // The token may be in this URL: no page it links to may learn it.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        return Results.Content(page, "text/html; charset=utf-8");
    }

    private static string Read(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"the dashboard's {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
