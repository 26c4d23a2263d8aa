namespace HeyGenEmulator.LiveKit;

public static class LiveKitServices
{
    /// <summary>
    /// The LiveKit server for v2 sessions and the chat sockets' registry. Needs the session media registered first
    /// (it reuses the engine when media is on). <see cref="IClientInput"/> is the session layer's to provide.
    /// </summary>
    public static IServiceCollection AddLiveKit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveKitSettings>(configuration.GetSection(LiveKitSettings.Section));
        services.AddSingleton<LiveKitJournal>();
        services.AddSingleton<LiveKitTokens>();
        services.AddSingleton<LiveKitRooms>();
        services.AddSingleton<AvatarEvents>();
        services.AddSingleton<ChatSockets>();
        services.AddSingleton<ILiveKitPeerFactory>(sp => EnginePeers.CreateFactory(sp));
        services.AddSingleton(sp => EnginePeers.CreateSpeech(sp));
        services.AddSingleton<LiveKitSessionMedia>();
        return services;
    }
}
