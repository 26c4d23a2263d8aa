using System.Text.RegularExpressions;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Http;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

public static partial class DemoEndpoints
{
    /// <summary>
    /// Seed 003's "Complete Demo Code" page, as committed in clients/v1-demo (API key and server URL set, Tailwind
    /// dropped), with its server URL pointed at wherever this emulator is reached.
    /// </summary>
    public static void MapDemoEndpoints(this WebApplication app)
    {
        var page = Path.Combine(AppContext.BaseDirectory, "demo", "v1", "index.html");
        app.MapGet("/demo/v1", (HttpContext context, IOptions<EmulatorOptions> options) =>
            {
                if (!File.Exists(page)) return Results.NotFound();
                var baseUrl = PublicUrls.Base(context, options.Value);
                var html = ServerUrl().Replace(File.ReadAllText(page), $"serverUrl: '{baseUrl}'", 1);
                return Results.Content(html, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
    }

    [GeneratedRegex(@"serverUrl:\s*'[^']*'")]
    private static partial Regex ServerUrl();
}
