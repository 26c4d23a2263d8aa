using Google.Protobuf;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The LiveKit "room" of one v2 session: its ids, the avatar participant (identity <c>heygen</c>) and the one live
/// signal connection. Avatar events wait here until the client's <c>_reliable</c> channel can take them.
/// </summary>
public sealed class LiveKitRoom
{
    public const string AvatarIdentity = "heygen";
    private const int MaxPendingData = 256;

    private readonly Queue<byte[]> _pendingData = new();
    private uint _avatarVersion = 1;

    public LiveKitRoom(MediaSession media, DateTimeOffset now)
    {
        Media = media;
        CreatedAt = now;
    }

    /// <summary>The session this room belongs to, as media sees it; the room's name is the session id.</summary>
    public MediaSession Media { get; }
    public string SessionId => Media.Id;
    public string Sid { get; } = LiveKitIds.Room();
    public string AvatarSid { get; } = LiveKitIds.Participant();
    public string AudioTrackSid { get; } = LiveKitIds.Track();
    public string VideoTrackSid { get; } = LiveKitIds.Track();
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset? AvatarJoinedAt { get; private set; }
    public bool Ended { get; private set; }
    public string? EndReason { get; private set; }
    public SignalConnection? Connection { get; private set; }

    /// <summary>The emulator's agent in this room (LiveAvatar), set when the room opens; null for HeyGen's rooms.</summary>
    public IRoomAgent? Agent { get; set; }

    public string AgentSid { get; } = LiveKitIds.Participant();

    /// <summary>Media shared by every connection of this room (set by the engine's peer factory).</summary>
    public object? MediaState { get; set; }

    internal object Gate { get; } = new();

    public bool AvatarPresent { get { lock (Gate) return AvatarJoinedAt is not null; } }

    public SdpVideoCodec VideoCodec => Media.Codec == HeyGenEmulator.Media.Preparation.VideoCodec.H264 ? SdpVideoCodec.H264 : SdpVideoCodec.Vp8;

    public (uint Width, uint Height) VideoSize => Media.Quality switch
    {
        AvatarQuality.High => (1280u, 720u),
        AvatarQuality.Medium => (854u, 480u),
        _ => (640u, 360u),
    };

    /// <summary>True when this call made the avatar join (first time).</summary>
    internal bool MarkAvatarJoined(DateTimeOffset now)
    {
        lock (Gate)
        {
            if (AvatarJoinedAt is not null || Ended) return false;
            AvatarJoinedAt = now;
            return true;
        }
    }

    public ParticipantInfo AvatarInfo(bool bumpVersion = false)
    {
        uint version;
        DateTimeOffset joined;
        lock (Gate)
        {
            if (bumpVersion) _avatarVersion++;
            version = _avatarVersion;
            joined = AvatarJoinedAt ?? CreatedAt;
        }
        var (w, h) = VideoSize;
        return new ParticipantInfo
        {
            Sid = AvatarSid,
            Identity = AvatarIdentity,
            Name = AvatarIdentity,
            State = ParticipantInfo.Types.State.Active,
            Version = version,
            IsPublisher = true,
            JoinedAt = joined.ToUnixTimeSeconds(),
            Kind = ParticipantInfo.Types.Kind.Standard,
            Permission = new ParticipantPermission { CanPublish = true, CanPublishData = true, CanSubscribe = true },
            Tracks =
            {
                new TrackInfo { Sid = AudioTrackSid, Type = TrackType.Audio, Source = TrackSource.Microphone, Name = "audio", MimeType = "audio/opus" },
                new TrackInfo
                {
                    Sid = VideoTrackSid, Type = TrackType.Video, Source = TrackSource.Camera, Name = "video",
                    MimeType = VideoCodec == SdpVideoCodec.H264 ? "video/H264" : "video/VP8", Width = w, Height = h, Simulcast = false,
                },
            },
        };
    }

    /// <summary>The agent as a participant: present from the room's start, publishing data only.</summary>
    public ParticipantInfo? AgentInfo()
    {
        if (Agent is not { } agent) return null;
        return new ParticipantInfo
        {
            Sid = AgentSid,
            Identity = agent.Identity,
            Name = agent.Identity,
            State = ParticipantInfo.Types.State.Active,
            Version = 1,
            IsPublisher = false,
            JoinedAt = CreatedAt.ToUnixTimeSeconds(),
            Kind = ParticipantInfo.Types.Kind.Standard,
            Permission = new ParticipantPermission { CanPublish = false, CanPublishData = true, CanSubscribe = true },
        };
    }

    /// <summary>An agent event on <paramref name="topic"/> as LiveKit user data from the agent: kind RELIABLE, sequence 0.</summary>
    public byte[] AgentDataPacket(string topic, string json)
    {
        var identity = Agent?.Identity ?? AvatarIdentity;
        return new DataPacket
        {
            Kind = DataPacket.Types.Kind.Reliable,
            ParticipantIdentity = identity,
            ParticipantSid = AgentSid,
            User = new UserPacket
            {
                ParticipantSid = AgentSid,
                ParticipantIdentity = identity,
                Topic = topic,
                Payload = ByteString.CopyFromUtf8(json),
            },
        }.ToByteArray();
    }

    /// <summary>An avatar event as LiveKit user data from <c>heygen</c> (spec S7): kind RELIABLE, sequence 0.</summary>
    public byte[] AvatarDataPacket(string json) => new DataPacket
    {
        Kind = DataPacket.Types.Kind.Reliable,
        ParticipantIdentity = AvatarIdentity,
        ParticipantSid = AvatarSid,
        User = new UserPacket
        {
            ParticipantSid = AvatarSid,
            ParticipantIdentity = AvatarIdentity,
            Payload = ByteString.CopyFromUtf8(json),
        },
    }.ToByteArray();

    /// <summary>Sends now when the subscriber's <c>_reliable</c> is open, else keeps it (bounded) for <see cref="FlushData"/>. True when sent now.</summary>
    public bool SendData(byte[] packet)
    {
        lock (Gate)
        {
            if (Ended) return false;
            var peer = Connection?.Subscriber;
            if (peer is { DataReady: true } && _pendingData.Count == 0 && peer.SendData(packet)) return true;
            if (_pendingData.Count >= MaxPendingData) _pendingData.Dequeue();
            _pendingData.Enqueue(packet);
            return false;
        }
    }

    /// <summary>Sends what waited for the channel (called when <c>_reliable</c> opens).</summary>
    public int FlushData()
    {
        lock (Gate)
        {
            var peer = Connection?.Subscriber;
            int sent = 0;
            while (peer is { DataReady: true } && _pendingData.TryPeek(out var packet) && peer.SendData(packet))
            {
                _pendingData.Dequeue();
                sent++;
            }
            return sent;
        }
    }

    /// <summary>Makes <paramref name="connection"/> the live one; returns the one it replaces. Null connection = ended room refuses.</summary>
    internal bool TryAttach(SignalConnection connection, out SignalConnection? replaced)
    {
        lock (Gate)
        {
            replaced = null;
            if (Ended) return false;
            replaced = Connection;
            Connection = connection;
            return true;
        }
    }

    internal void Detach(SignalConnection connection)
    {
        lock (Gate)
            if (Connection == connection) Connection = null;
    }

    internal SignalConnection? End(string reason)
    {
        lock (Gate)
        {
            if (Ended) return null;
            Ended = true;
            EndReason = reason;
            _pendingData.Clear();
            // Queued speech goes with the room; a subscriber still closing sends idle until it is gone.
            (MediaState as AvatarFeed)?.Interrupt();
            MediaState = null;
            return Connection;
        }
    }
}
