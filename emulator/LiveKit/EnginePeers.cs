namespace HeyGenEmulator.LiveKit;

/// <summary>Chooses the engine's peers when the WebRTC media engine is registered, else signalling-only ones.</summary>
public static class EnginePeers
{
    public static ILiveKitPeerFactory CreateFactory(IServiceProvider sp) => new SignallingOnlyPeerFactory();

    public static LiveKitSpeechHolder CreateSpeech(IServiceProvider sp) => new(null);
}
