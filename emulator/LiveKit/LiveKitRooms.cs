using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Every v2 session's room, by session id: opened with the session, removed when it ends (with its feed and queued
/// speech). A resume or late join then finds no room, which LiveKit answers 404 "requested room does not exist" just
/// as it does for an ended one.
/// </summary>
public sealed class LiveKitRooms(EmulatorClock clock, LiveKitJournal journal, ILogger<LiveKitRooms> log)
{
    private readonly ConcurrentDictionary<string, LiveKitRoom> _rooms = new(StringComparer.Ordinal);

    /// <summary>streaming.new of a v2 session: its room exists from now on (the client may join before start).</summary>
    public LiveKitRoom Open(MediaSession session) => _rooms.GetOrAdd(session.Id, _ => new LiveKitRoom(session, clock.GetUtcNow()));

    public LiveKitRoom? Find(string sessionId) => _rooms.TryGetValue(sessionId, out var r) ? r : null;

    /// <summary>Whether a client's signal connection is in the session's room now.</summary>
    public bool ClientJoined(string sessionId) => Find(sessionId)?.Connection is not null;

    /// <summary>Rooms held now (open sessions' rooms only).</summary>
    public int Count => _rooms.Count;

    /// <summary>streaming.start: the avatar joins; a connected client first gets <c>update</c>, then the offer (spec S8).</summary>
    public async Task AvatarJoinedAsync(string sessionId)
    {
        if (Find(sessionId) is not { } room || !room.MarkAvatarJoined(clock.GetUtcNow())) return;
        var connection = room.Connection;
        if (connection is not null) await connection.AnnounceAvatarAsync().ConfigureAwait(false);
    }

    /// <summary>Sends one avatar event (spec S7) to the session's client, and journals it unless told not to; true when delivered.</summary>
    public bool SendAvatarEvent(string sessionId, JsonObject payload, bool journaled = true)
    {
        var sent = Find(sessionId) is { } room && room.SendData(room.AvatarDataPacket(payload.ToJsonString()));
        if (!journaled) return sent;
        var details = new JsonObject { ["type"] = payload["type"]?.DeepClone(), ["task_id"] = payload["task_id"]?.DeepClone(), ["delivered"] = sent };
        if (payload["message"] is { } m) details["message"] = m.DeepClone();
        if (payload["duration_ms"] is { } d) details["duration_ms"] = d.DeepClone();
        journal.Record(sessionId, "DATA", "/rtc#_reliable", 200, "data", details);
        return sent;
    }

    /// <summary>Sends one agent event on <paramref name="topic"/> (LiveAvatar's <c>agent-response</c>), journaled unless told not to; true when delivered.</summary>
    public bool SendAgentEvent(string sessionId, string topic, JsonObject payload, bool journaled = true)
    {
        var sent = Find(sessionId) is { Agent: not null } room && room.SendData(room.AgentDataPacket(topic, payload.ToJsonString()));
        if (!journaled) return sent;
        var details = new JsonObject { ["topic"] = topic, ["event_type"] = payload["event_type"]?.DeepClone(), ["delivered"] = sent };
        if (payload["text"] is { } t) details["text"] = t.DeepClone();
        journal.Record(sessionId, "DATA", "/rtc#_reliable", 200, "data", details);
        return sent;
    }

    /// <summary>
    /// One journal entry for a task's word-by-word <c>avatar_talking_message</c> (or a turn's <c>user_talking_message</c>)
    /// events: one entry per word would push the API calls out of the journal.
    /// </summary>
    public void JournalTalkingMessages(string sessionId, string taskId, int words, int delivered, string type = "avatar_talking_message") =>
        journal.Record(sessionId, "DATA", "/rtc#_reliable", 200, "data", new JsonObject
        {
            ["type"] = type, ["task_id"] = taskId, ["words"] = words, ["delivered"] = delivered,
        });

    /// <summary>The session ended: <c>leave</c> (ROOM_DELETED, DISCONNECT), then the socket closes (spec S9).</summary>
    public void End(string sessionId, string reason)
    {
        if (!_rooms.TryRemove(sessionId, out var room) || room.End(reason) is not { } connection) return;
        log.LogInformation("Session {SessionId}: LiveKit room ends ({Reason}), sending leave", sessionId, reason);
        _ = connection.EndAsync(reason);
    }

    /// <summary>Opens or closes a push-to-talk window on the client's LiveKit microphone; false when no client is in the room.</summary>
    public bool PushToTalk(string sessionId, bool on)
    {
        if (Find(sessionId)?.Connection is not { Publisher: not null } connection) return false;
        connection.PushToTalk(on);
        return true;
    }

    /// <summary>Reset: ends and removes every room left.</summary>
    public void EndAll(string reason)
    {
        foreach (var sessionId in _rooms.Keys) End(sessionId, reason);
    }

    /// <summary>
    /// Admin (spec S10): takes the room's live signal connection off the room so that nothing (not even the session's
    /// end) sends it a <c>leave</c>; the caller then cuts it with <see cref="SignalConnection.Drop"/>. Null when none.
    /// </summary>
    public SignalConnection? DetachSignal(string sessionId)
    {
        if (Find(sessionId) is not { } room) return null;
        var connection = room.Connection;
        if (connection is not null) room.Detach(connection);
        return connection;
    }
}
