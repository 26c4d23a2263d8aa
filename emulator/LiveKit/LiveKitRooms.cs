using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.LiveKit;

/// <summary>Every v2 session's room, by session id. Ended rooms stay (so resumes and late joins are refused) until reset.</summary>
public sealed class LiveKitRooms(EmulatorClock clock, LiveKitJournal journal, ILogger<LiveKitRooms> log)
{
    private readonly ConcurrentDictionary<string, LiveKitRoom> _rooms = new(StringComparer.Ordinal);

    public LiveKitRoom GetOrCreate(Session session)
    {
        var room = _rooms.GetOrAdd(session.Id, _ => new LiveKitRoom(session, clock.GetUtcNow()));
        if (session.StartedAt is not null) room.MarkAvatarJoined(session.StartedAt.Value);
        return room;
    }

    public LiveKitRoom? Find(string sessionId) => _rooms.TryGetValue(sessionId, out var r) ? r : null;

    /// <summary>streaming.start: the avatar joins; a connected client first gets <c>update</c>, then the offer (spec S8).</summary>
    public async Task AvatarJoinedAsync(Session session)
    {
        var room = _rooms.GetOrAdd(session.Id, _ => new LiveKitRoom(session, clock.GetUtcNow()));
        if (!room.MarkAvatarJoined(clock.GetUtcNow())) return;
        var connection = room.Connection;
        if (connection is not null) await connection.AnnounceAvatarAsync().ConfigureAwait(false);
    }

    /// <summary>Sends one avatar event (spec S7) to the session's client, and journals it.</summary>
    public void SendAvatarEvent(Session session, JsonObject payload)
    {
        var room = GetOrCreate(session);
        var json = payload.ToJsonString();
        var sent = room.SendData(room.AvatarDataPacket(json));
        var details = new JsonObject { ["type"] = payload["type"]?.DeepClone(), ["task_id"] = payload["task_id"]?.DeepClone(), ["delivered"] = sent };
        if (payload["message"] is { } m) details["message"] = m.DeepClone();
        if (payload["duration_ms"] is { } d) details["duration_ms"] = d.DeepClone();
        journal.Record(session.Id, "DATA", "/rtc#_reliable", 200, "data", details);
    }

    /// <summary>The session ended: <c>leave</c> (ROOM_DELETED, DISCONNECT), then the socket closes (spec S9).</summary>
    public void End(Session session, string reason)
    {
        var room = _rooms.GetOrAdd(session.Id, _ => new LiveKitRoom(session, clock.GetUtcNow()));
        var connection = room.End(reason);
        if (connection is null) return;
        log.LogInformation("Session {SessionId}: LiveKit room ends ({Reason}), sending leave", session.Id, reason);
        _ = connection.EndAsync(reason);
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

    public void Clear() => _rooms.Clear();
}
