using HeyGenEmulator.Admin;
using HeyGenEmulator.Api;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Faults;
using HeyGenEmulator.Http;
using HeyGenEmulator.Journal;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.Streaming;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator;

/// <summary>Composes the emulator. Program.cs runs it; <see cref="Hosting.EmulatorHost"/> starts the same app in-process on a real port.</summary>
public static class EmulatorApp
{
    /// <summary>Where <c>dotnet run --project emulator</c> listens when nothing else is configured (loopback only).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8787";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root beside the assembly, not the working directory: appsettings.json is found however it is run
        // (the dotnet tool, from any folder).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        configure?.Invoke(builder);
        LocalTls.Configure(builder); // Emulator:Tls:Port — wss on 443 for SDK ≥ 2.0.14's chat socket
        AdminExposure.Check(builder.Configuration, ListenUrls(builder));

        var services = builder.Services;
        services.Configure<EmulatorOptions>(builder.Configuration.GetSection(EmulatorOptions.Section));
        // Our own body reader gives the HeyGen-style 413; Kestrel's hard cap is only a backstop.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            // Kestrel refuses a non-ASCII header byte with an empty 400; read as Latin-1 it reaches auth (401 400112, as HeyGen).
            k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        builder.WebHost.ConfigureKestrel((context, k) => LimitConnections(k, context.Configuration));
        services.AddSingleton(new EmulatorClock());
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<EmulatorClock>());
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<KnowledgeBaseStore>();
        services.AddSingleton<VoiceCatalogue>();
        services.AddSingleton<AvatarCatalogue>();
        services.AddSessionMedia(builder.Configuration);
        services.AddLiveKit(builder.Configuration);
        services.AddSingleton<SessionMediaRouter>();
        services.AddSingleton<SessionManager>();
        services.AddSingleton<ClientSpeech>();
        services.AddSingleton<RealtimeSpeech>();
        services.AddSingleton<VoiceTurns>();
        // One sink per wire that reports user turns: HeyGen's chat socket and data, LiveAvatar's agent-response.
        services.AddSingleton<IUserTurnEvents, StreamingTurnEvents>();
        services.AddSingleton<IUserTurnEvents, LiveAvatarTurnEvents>();
        services.AddSingleton<LiveAvatarKeyRegistry>();
        services.AddSingleton<LiveAvatarCatalogue>();
        services.AddSingleton<LiveAvatarVoices>();
        services.AddSingleton<LiveAvatarContexts>();
        services.AddSingleton<LiveAvatarSessions>();
        services.AddSingleton<LiveAvatarCall>();
        services.AddSingleton<IClientInput>(sp => sp.GetRequiredService<ClientSpeech>());
        services.AddSingleton<Authenticator>();
        services.AddSingleton<ApiCall>();
        services.AddSingleton(sp => new RequestJournal(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.JournalCapacity,
            sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.JournalMaxBytes));
        services.AddSingleton<AdminChanges>();
        services.AddSingleton(sp => new FaultStore(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.FaultSeed));
        services.AddHostedService<SessionSweeper>();
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("X-HeyGen-Emulator-Version").SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "HeyGen Emulator";
            doc.Info.Description = "HeyGen's Streaming (Interactive) Avatar API, emulated locally, plus the emulator's admin API under /_emulator.";
            doc.Info.Version = ApiPipeline.Version;
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.UseMiddleware<HostFilter>();
        app.UseMiddleware<AdminTokenCheck>();
        // Browser SDKs need CORS on the HeyGen API, LiveKit and the chat socket; a page on another site must not drive the admin API.
        app.UseMiddleware<LiveAvatarCors>();
        app.UseWhen(context => !AdminTokenCheck.IsAdminPath(context.Request.Path) && !LiveAvatarPaths.Owns(context.Request.Path), branch => branch.UseCors());
        app.UseMiddleware<ApiPipeline>();
        app.UseWebSockets();

        app.MapHeyGenApi();
        app.MapLiveAvatarApi();
        app.MapGroup("/_emulator").MapAdminEndpoints();
        app.MapLiveKitEndpoints();

        app.MapOpenApi("/openapi/v1.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "HeyGen Emulator");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "HeyGen Emulator API";
        });
        app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        // LiveKit's client sends HEAD to the server URL before connecting (prepareConnection).
        app.MapMethods("/", ["HEAD"], () => Results.Ok()).ExcludeFromDescription();

        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        return app;
    }

    /// <summary>What the server will bind: <c>urls</c> (command line, ASPNETCORE_URLS) or the default; bare ports (<c>http_ports</c>) mean every interface.</summary>
    private static string ListenUrls(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"] ?? builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (!string.IsNullOrEmpty(urls)) return urls;
        var ports = $"{builder.Configuration["http_ports"]};{builder.Configuration["https_ports"]}".Split(';', StringSplitOptions.RemoveEmptyEntries);
        return ports.Length > 0 ? string.Join(';', ports.Select(p => $"http://*:{p}")) : DefaultUrl;
    }

    private static void LimitConnections(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var max = configuration.GetValue($"{EmulatorOptions.Section}:{nameof(EmulatorOptions.MaxConcurrentConnections)}", EmulatorOptions.DefaultMaxConcurrentConnections);
        kestrel.Limits.MaxConcurrentConnections = max;
        kestrel.Limits.MaxConcurrentUpgradedConnections = max;
    }

    /// <summary>The addresses Kestrel actually bound (port 0 resolved).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void Announce(WebApplication app)
    {
        var keys = app.Services.GetRequiredService<ApiKeyRegistry>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HeyGenEmulator");
        foreach (var address in Addresses(app))
            log.LogInformation("HeyGen Emulator {Version} listening on {Address} (API docs: {Address}/docs)", ApiPipeline.Version, address, address);
        var defaultKey = keys.Find(ApiKeyRegistry.DefaultKey);
        if (defaultKey is not null)
            log.LogInformation("Default API key: {ApiKey} (plan {Plan}). Configure keys with Emulator__ApiKeys__0=<key>[:trial|paid]", defaultKey.Value, defaultKey.Plan);
        else
            log.LogInformation("{Count} API key(s) configured: {Keys}", keys.All.Count, string.Join(", ", keys.All.Select(k => $"{k} ({k.Plan})")));
    }
}
