using System.Runtime.CompilerServices;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Sdp;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.LiveKit;

/// <summary>Chooses the engine's peers when the WebRTC media engine is registered, else signalling-only ones.</summary>
public static class EnginePeers
{
    public static ILiveKitPeerFactory CreateFactory(IServiceProvider sp) =>
        sp.GetService<MediaEngine>() is { } engine
            ? new EnginePeerFactory(engine, sp.GetRequiredService<AvatarMediaLibrary>(), sp.GetRequiredService<IOptions<MediaSettings>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<EnginePeerFactory>())
            : new SignallingOnlyPeerFactory();

    public static LiveKitSpeechHolder CreateSpeech(IServiceProvider sp) =>
        new(sp.GetService<MediaEngine>() is not null && sp.GetService<SpeechSynthesizer>() is { } synthesizer
            ? new EngineSpeech(synthesizer, sp.GetRequiredService<LiveKitRooms>())
            : null);

    /// <summary>The room's avatar feed: one per room, so a reconnect continues the same picture and speech.</summary>
    internal static AvatarFeed FeedOf(LiveKitRoom room)
    {
        lock (room.Gate) return (AvatarFeed)(room.MediaState ??= new AvatarFeed());
    }
}

public sealed class EnginePeerFactory(MediaEngine engine, AvatarMediaLibrary library, MediaSettings settings, ILogger<EnginePeerFactory> log) : ILiveKitPeerFactory
{
    public ILiveKitPeer CreateSubscriber(LiveKitRoom room)
    {
        var feed = EnginePeers.FeedOf(room);
        var spec = room.Session.Spec;
        if (feed.Video is null)
            _ = library.GetAsync(spec.Avatar, spec.Quality, spec.VideoEncoding).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) feed.AttachVideo(t.Result);
                else log.LogError(t.Exception, "Session {SessionId}: avatar clips are not available", room.Session.Id);
            }, TaskScheduler.Default);
        var config = new PeerMediaConfig
        {
            VideoCodec = room.VideoCodec,
            Cname = "heygen-" + room.Session.Id[..Math.Min(8, room.Session.Id.Length)],
        };
        return new EnginePeer(engine, feed, config, settings.PublicAddress, "lk-sub-" + room.Session.Id[..Math.Min(8, room.Session.Id.Length)], subscriber: true);
    }

    public ILiveKitPeer CreatePublisher(LiveKitRoom room) =>
        new EnginePeer(engine, SilentSource.Instance, new PeerMediaConfig { SendMedia = false, VideoCodec = SdpVideoCodec.Vp8 },
            settings.PublicAddress, "lk-pub-" + room.Session.Id[..Math.Min(8, room.Session.Id.Length)], subscriber: false);

    private sealed class SilentSource : IPeerMediaSource
    {
        public static readonly SilentSource Instance = new();
        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame) { frame = default; isKeyFrame = false; return false; }
        public ReadOnlyMemory<byte> NextAudioPacket() => ReadOnlyMemory<byte>.Empty;
        public void RequestKeyFrame() { }
    }
}

/// <summary>Speech for rooms: espeak-ng through the engine's synthesiser into the room's feed.</summary>
public sealed class EngineSpeech(SpeechSynthesizer synthesizer, LiveKitRooms rooms) : ILiveKitSpeech
{
    private readonly ConditionalWeakTable<SpeechClip, SpeechAudio> _audio = new();

    public async Task<SpeechClip> PrepareAsync(Session session, string text, CancellationToken cancellationToken)
    {
        var audio = await synthesizer.SynthesizeAsync(text, session.Spec.VoiceRate, cancellationToken).ConfigureAwait(false);
        var clip = new SpeechClip(text, audio.Duration);
        _audio.AddOrUpdate(clip, audio);
        return clip;
    }

    public void Speak(Session session, SpeechClip clip)
    {
        if (!_audio.TryGetValue(clip, out var audio)) return;
        _audio.Remove(clip);
        EnginePeers.FeedOf(rooms.GetOrCreate(session)).Audio.Enqueue(audio);
    }

    public void Interrupt(Session session)
    {
        if (rooms.Find(session.Id) is { } room) EnginePeers.FeedOf(room).Interrupt();
    }
}
