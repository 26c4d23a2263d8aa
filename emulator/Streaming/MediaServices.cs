using System.Net;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Streaming;

public static class MediaServices
{
    /// <summary>
    /// Binds the raw-WebRTC (v1) <see cref="ISessionMedia"/>: the WebRTC engine (<c>Emulator:Media:Enabled</c>, default
    /// true) or signalling only. The session layer routes v1 sessions to it.
    /// </summary>
    public static IServiceCollection AddSessionMedia(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MediaSettings.Section);
        services.Configure<MediaSettings>(section);
        if (!section.GetValue(nameof(MediaSettings.Enabled), true))
        {
            services.AddSingleton<ISessionMedia, SignallingOnlyMedia>();
            return services;
        }
        // Resolved now, so a missing tool stops the emulator at startup, not at the first session — unless the default
        // avatar's clips were shipped with it: then it streams without them (MediaStartup says what is missing).
        var media = section.Get<MediaSettings>() ?? new MediaSettings();
        services.AddSingleton(media.ResolveTools(bundledClips: ClipBundle.Exists(media.ResolveBundledClipsDir())));
        services.AddSingleton(sp =>
        {
            var s = sp.GetRequiredService<IOptions<MediaSettings>>().Value;
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeyGenEmulator.Media");
            return new MediaEngine(new MediaEngineOptions
            {
                UdpPort = s.UdpPort,
                BindAddress = s.ParsedBindAddress,
                ConsentTimeout = TimeSpan.FromSeconds(s.ConsentTimeoutSeconds),
                ConnectTimeout = TimeSpan.FromSeconds(s.ConnectTimeoutSeconds),
                Log = (level, message) => log.Log(level switch
                {
                    MediaLogLevel.Debug => LogLevel.Debug,
                    MediaLogLevel.Warning => LogLevel.Warning,
                    _ => LogLevel.Information,
                }, "{Message}", message),
            });
        });
        services.AddSingleton<ClipPreparation>();
        services.AddSingleton<AvatarMediaLibrary>();
        services.AddSingleton(sp =>
        {
            var s = sp.GetRequiredService<IOptions<MediaSettings>>().Value;
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("HeyGenEmulator.Speech");
            return new SpeechSynthesizer(sp.GetRequiredService<MediaTools>(), s.SpeechVoice, m => log.LogWarning("{Message}", m),
                new SpeechLimits(s.SpeechConcurrency, TimeSpan.FromSeconds(s.SpeechTimeoutSeconds)));
        });
        services.AddSingleton<WebRtcSessionMedia>();
        services.AddSingleton<ISessionMedia>(sp => sp.GetRequiredService<WebRtcSessionMedia>());
        services.AddHostedService<MediaStartup>();
        return services;
    }
}

/// <summary>
/// Opens the UDP port at startup (so a clash is reported at once), reports the tools, and prepares the default
/// avatar's clips in the background (the demo page's high/VP8 first).
/// </summary>
internal sealed class MediaStartup(MediaEngine engine, AvatarMediaLibrary library, AvatarCatalogue avatars, MediaTools tools,
    IOptions<MediaSettings> settings, ILogger<MediaStartup> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var s = settings.Value;
        log.LogInformation("WebRTC media on UDP {Bind}:{Port}, advertised as {Public}:{Port}; clip cache {Cache}",
            s.ParsedBindAddress, engine.Port, s.PublicAddress, engine.Port, library.CacheDirectory);
        if (!IPAddress.TryParse(s.BindAddress, out _))
            log.LogWarning("Emulator:Media:BindAddress '{Bind}' is not an IP address; bound to loopback", s.BindAddress);
        if (IPAddress.IsLoopback(s.ParsedBindAddress) && IPAddress.TryParse(s.PublicAddress, out var advertised) && !IPAddress.IsLoopback(advertised))
            log.LogWarning("Media is advertised at {Public} but bound to loopback: browsers elsewhere cannot reach it. " +
                           "Set Emulator__Media__BindAddress=0.0.0.0 to serve them", s.PublicAddress);
        log.LogInformation("Media tools: {Ffmpeg}, {Espeak}", tools.FfmpegMissing is null ? tools.FfmpegPath : "no ffmpeg",
            tools.EspeakMissing is null ? tools.EspeakPath : "no espeak-ng");
        if (library.Bundle.Count > 0)
            log.LogInformation("{Count} bundled avatar clips in {Dir}", library.Bundle.Count, library.Bundle.Directory);
        if (tools.FfmpegMissing is not null)
            log.LogWarning("{Missing} The default avatar streams from the bundled clips; other avatars and qualities cannot be encoded " +
                           "(streaming.start answers 503), and task speech is silent", tools.FfmpegMissing);
        if (tools.EspeakMissing is not null)
            log.LogWarning("{Missing} Task speech is {StandIn} of the estimated length", tools.EspeakMissing, tools.HasFfmpeg ? "a tone" : "silence");
        _ = Task.Run(() => PcmOpusEncoder.WarmUpAsync(_stopping.Token), _stopping.Token);
        if (s.PrepareAtStartup)
        {
            var avatar = avatars.Resolve(null);
            var stopping = _stopping.Token;
            library.Plan(avatar, AvatarMediaLibrary.DefaultAvatarClips);
            _ = Task.Run(async () =>
            {
                foreach (var (quality, codec) in AvatarMediaLibrary.DefaultAvatarClips)
                {
                    if (stopping.IsCancellationRequested) return;
                    try { await library.GetAsync(avatar, quality, codec); }
                    catch (Exception) { return; } // logged by the library
                }
            }, stopping);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        engine.CloseAll("shutdown");
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();
}
