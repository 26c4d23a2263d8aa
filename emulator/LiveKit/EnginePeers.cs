using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Sdp;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.LiveKit;

/// <summary>Chooses the engine's peers and speech when the WebRTC media engine is registered, else signalling-only ones.</summary>
public static class EnginePeers
{
    public static ILiveKitPeerFactory CreateFactory(IServiceProvider sp) =>
        sp.GetService<MediaEngine>() is { } engine
            ? new EnginePeerFactory(engine, sp.GetRequiredService<AvatarMediaLibrary>(), sp.GetRequiredService<IOptions<MediaSettings>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<EnginePeerFactory>())
            : new SignallingOnlyPeerFactory();

    public static ILiveKitSpeech CreateSpeech(IServiceProvider sp) =>
        sp.GetService<MediaEngine>() is not null && sp.GetService<SpeechSynthesizer>() is { } synthesizer
            ? new EngineSpeech(synthesizer, sp.GetRequiredService<LiveKitRooms>())
            : new EstimatedSpeech();

    /// <summary>The engine's ids for a LiveKit session's two peers (a v1 session's one peer has the session id).</summary>
    public static string SubscriberId(MediaSession media) => "lk-sub-" + media.ShortId;

    public static string PublisherId(MediaSession media) => "lk-pub-" + media.ShortId;

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
        var media = room.Media;
        if (feed.Video is null)
            _ = library.GetAsync(media.Avatar, media.Quality, media.Codec).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) feed.AttachVideo(t.Result);
                else log.LogError(t.Exception, "Session {SessionId}: avatar clips are not available", media.Id);
            }, TaskScheduler.Default);
        var config = new PeerMediaConfig { VideoCodec = room.VideoCodec, Cname = "heygen-" + media.ShortId };
        return new EnginePeer(engine, feed, config, settings.PublicAddress, EnginePeers.SubscriberId(media), subscriber: true);
    }

    public ILiveKitPeer CreatePublisher(LiveKitRoom room) =>
        new EnginePeer(engine, SilentSource.Instance, new PeerMediaConfig { SendMedia = false, VideoCodec = SdpVideoCodec.Vp8 },
            settings.PublicAddress, EnginePeers.PublisherId(room.Media), subscriber: false);

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
    public async Task<SpeechClip> PrepareAsync(MediaSession session, string text, CancellationToken cancellationToken)
    {
        var audio = await synthesizer.SynthesizeAsync(text, session.VoiceRate, cancellationToken).ConfigureAwait(false);
        return new SpeechClip(text, audio.Duration, audio);
    }

    public void Speak(string sessionId, SpeechClip clip)
    {
        if (clip.Audio is { } audio && rooms.Find(sessionId) is { } room) EnginePeers.FeedOf(room).Audio.Enqueue(audio);
    }

    public void Stream(string sessionId, ReadOnlySpan<byte> pcm)
    {
        if (rooms.Find(sessionId) is { } room) EnginePeers.FeedOf(room).Pcm.Append(pcm);
    }

    public void EndStream(string sessionId)
    {
        if (rooms.Find(sessionId) is { } room) EnginePeers.FeedOf(room).Pcm.Flush();
    }

    public void Interrupt(string sessionId)
    {
        if (rooms.Find(sessionId) is { } room) EnginePeers.FeedOf(room).Interrupt();
    }
}

/// <summary>Speech timed on paper when media is off: the events still follow a real-length timeline.</summary>
public sealed class EstimatedSpeech : ILiveKitSpeech
{
    public Task<SpeechClip> PrepareAsync(MediaSession session, string text, CancellationToken cancellationToken) =>
        Task.FromResult(new SpeechClip(text, SpeechEstimate.For(text, session.VoiceRate)));

    public void Speak(string sessionId, SpeechClip clip) { }

    public void Stream(string sessionId, ReadOnlySpan<byte> pcm) { }

    public void EndStream(string sessionId) { }

    public void Interrupt(string sessionId) { }
}
