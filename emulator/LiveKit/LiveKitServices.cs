using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

public static class LiveKitServices
{
    /// <summary>
    /// The LiveKit server for v2 sessions and HeyGen's chat socket. Call after the session media is registered: it
    /// wraps that <see cref="ISessionMedia"/> in <see cref="LiveKitSessionMedia"/>.
    /// </summary>
    public static IServiceCollection AddLiveKit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveKitSettings>(configuration.GetSection(LiveKitSettings.Section));
        services.AddSingleton<LiveKitJournal>();
        services.AddSingleton<LiveKitRooms>();
        services.AddSingleton<AvatarEvents>();
        services.AddSingleton<ChatSockets>();
        services.AddSingleton<ILiveKitPeerFactory>(sp => EnginePeers.CreateFactory(sp));
        services.AddSingleton(sp => EnginePeers.CreateSpeech(sp));

        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ISessionMedia))
                    ?? ServiceDescriptor.Singleton<ISessionMedia, SignallingOnlyMedia>();
        services.RemoveAll(typeof(ISessionMedia));
        services.AddSingleton<ISessionMedia>(sp => new LiveKitSessionMedia(Create(sp, inner), sp.GetRequiredService<LiveKitRooms>(),
            sp.GetRequiredService<AvatarEvents>(), sp.GetRequiredService<ChatSockets>(), sp.GetRequiredService<LiveKitSpeechHolder>().Speech));
        return services;
    }

    /// <summary>Maps <c>/rtc</c>, <c>/rtc/validate</c>, the <c>/rtc/v1</c> refusal and <c>/v1/ws/streaming.chat</c>.</summary>
    public static IEndpointRouteBuilder MapLiveKit(this IEndpointRouteBuilder app)
    {
        app.MapLiveKitEndpoints();
        return app;
    }

    private static ISessionMedia Create(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance as ISessionMedia
        ?? (d.ImplementationFactory is { } f ? (ISessionMedia)f(sp) : (ISessionMedia)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private static void RemoveAll(this IServiceCollection services, Type type)
    {
        for (int i = services.Count - 1; i >= 0; i--)
            if (services[i].ServiceType == type) services.RemoveAt(i);
    }
}

/// <summary>The optional real speech for rooms (null when media is off).</summary>
public sealed record LiveKitSpeechHolder(ILiveKitSpeech? Speech);
