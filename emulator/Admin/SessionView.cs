using System.Text.Json.Serialization;
using HeyGenEmulator.Clock;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.WebRtc.Peer;

namespace HeyGenEmulator.Admin;

/// <summary>
/// One session as <c>GET /_emulator/sessions</c> shows it (and the dashboard draws it). Times are on the emulator's
/// clock; the "left" figures count down with it, so advancing the clock moves them.
/// </summary>
public sealed record SessionView(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("avatar_id")] string AvatarId,
    [property: JsonPropertyName("voice_id")] string VoiceId,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("video_encoding")] string VideoEncoding,
    [property: JsonPropertyName("quality")] string Quality,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("started_at")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("closed_at")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("close_reason")] string? CloseReason,
    [property: JsonPropertyName("last_activity_at")] DateTimeOffset LastActivityAt,
    [property: JsonPropertyName("idle_timeout_seconds")] double? IdleTimeoutSeconds,
    [property: JsonPropertyName("idle_left_seconds")] double? IdleLeftSeconds,
    [property: JsonPropertyName("duration_left_seconds")] double? DurationLeftSeconds,
    [property: JsonPropertyName("talking")] bool Talking,
    [property: JsonPropertyName("talking_until")] DateTimeOffset? TalkingUntil,
    [property: JsonPropertyName("listening")] bool Listening,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskView> Tasks,
    [property: JsonPropertyName("peers")] PeersView Peers,
    [property: JsonPropertyName("media")] MediaView Media)
{
    public static SessionView Of(Session s, DateTimeOffset now, TimeSpan durationLimit, PeersView peers, MediaView media)
    {
        var talkingUntil = s.TalkingUntil;
        var open = s.IsOpen;
        var idleLeft = open && SessionRules.IdleDeadline(s) is { } deadline ? Left(deadline, now) : (double?)null;
        return new SessionView(
            s.Id, s.State.Wire(), s.Owner.ToString(), s.Spec.Avatar.Id, s.Spec.Voice.Id,
            WireNames<ApiVersion>.Of(s.Spec.Version), WireNames<VideoEncoding>.Of(s.Spec.VideoEncoding), WireNames<VideoQuality>.Of(s.Spec.Quality),
            s.CreatedAt, s.StartedAt, s.ClosedAt, s.CloseReason, s.LastActivityAt, s.Spec.IdleTimeout?.TotalSeconds,
            idleLeft, open ? Left(s.CreatedAt + durationLimit, now) : null,
            s.IsTalking(now), talkingUntil > now ? talkingUntil : null, s.Listening,
            [.. s.TaskSnapshot().Select(t => TaskView.Of(t, now, talkingUntil))], peers, media);
    }

    private static double Left(DateTimeOffset deadline, DateTimeOffset now) => Math.Max(0, (deadline - now).TotalSeconds);
}

/// <summary>A task: <c>queued</c> before its start, <c>playing</c>, then <c>done</c> (also when interrupted or closed first).</summary>
public sealed record TaskView(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("task_type")] string TaskType,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("starts_at")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("ends_at")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("duration_ms")] double DurationMs)
{
    public static TaskView Of(SpeechTask t, DateTimeOffset now, DateTimeOffset talkingUntil)
    {
        // An interrupt pulls the session's talking end forward; what was still to play ended with it.
        var state = now >= Instants.Earlier(t.EndsAt, talkingUntil) ? "done" : now < t.StartsAt ? "queued" : "playing";
        return new TaskView(t.TaskId, WireNames<TaskType>.Of(t.TaskType), t.SpokenText, state, t.StartsAt, t.EndsAt, t.Duration.TotalMilliseconds);
    }
}

/// <summary>Who is connected: the LiveKit room's participants (the avatar and the client), chat sockets, realtime sockets.</summary>
public sealed record PeersView(
    [property: JsonPropertyName("livekit_participants")] IReadOnlyList<string> LiveKitParticipants,
    [property: JsonPropertyName("chat_sockets")] int ChatSockets,
    [property: JsonPropertyName("realtime_sockets")] int RealtimeSockets)
{
    public static PeersView Of(Session s, LiveKitRooms rooms, ChatSockets chats, RealtimeSpeech realtime)
    {
        var room = rooms.Find(s.Id);
        List<string> participants = [];
        if (room is { AvatarPresent: true }) participants.Add(LiveKitRoom.AvatarIdentity);
        if (room?.Connection is { } client) participants.Add(client.Identity);
        return new PeersView(participants, chats.Count(s.Id), realtime.Connections(s.Id));
    }
}

/// <summary>What the session's WebRTC peers have sent so far (zero with media off, and once its peers are gone).</summary>
public sealed record MediaView(
    [property: JsonPropertyName("webrtc_peers")] int WebRtcPeers,
    [property: JsonPropertyName("packets_sent")] long PacketsSent,
    [property: JsonPropertyName("bytes_sent")] long BytesSent)
{
    /// <summary>Every engine peer's figures by peer id, taken once per listing (the engine's peer set is copied under its locks).</summary>
    public static IReadOnlyDictionary<string, MediaView> Sent(MediaEngine? engine)
    {
        var sent = new Dictionary<string, MediaView>(StringComparer.Ordinal);
        foreach (var p in engine?.Peers ?? [])
            sent[p.Id] = sent.TryGetValue(p.Id, out var same) // a peer replaced while its successor started: both count
                ? new MediaView(same.WebRtcPeers + 1, same.PacketsSent + p.PacketsSent, same.BytesSent + p.BytesSent)
                : new MediaView(1, p.PacketsSent, p.BytesSent);
        return sent;
    }

    public static MediaView Of(Session s, IReadOnlyDictionary<string, MediaView> sent)
    {
        var (peers, packets, bytes) = (0, 0L, 0L);
        foreach (var id in (ReadOnlySpan<string>)[s.Id, EnginePeers.SubscriberId(s.Media), EnginePeers.PublisherId(s.Media)])
            if (sent.TryGetValue(id, out var p)) (peers, packets, bytes) = (peers + p.WebRtcPeers, packets + p.PacketsSent, bytes + p.BytesSent);
        return new MediaView(peers, packets, bytes);
    }
}
