using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.LiveKit;

/// <summary>The open <c>/v1/ws/streaming.chat</c> sockets, by session: where user_start/user_stop/user_silence go.</summary>
public sealed class ChatSockets(LiveKitJournal journal)
{
    /// <summary>More chat sockets than this on one session are refused (429) before the upgrade.</summary>
    public const int MaxPerSession = 8;
    public const string FullReason = "too many chat sockets for this session";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<ChatSocket, byte>> _bySession = new(StringComparer.Ordinal);

    internal void Add(ChatSocket socket) =>
        _bySession.GetOrAdd(socket.SessionId, _ => new()).TryAdd(socket, 0);

    internal void Remove(ChatSocket socket)
    {
        if (_bySession.TryGetValue(socket.SessionId, out var set)) set.TryRemove(socket, out _);
    }

    public int Count(string sessionId) => _bySession.TryGetValue(sessionId, out var set) ? set.Count : 0;

    public bool Full(string sessionId) => Count(sessionId) >= MaxPerSession;

    /// <summary>Sessions with a socket set (ended sessions' sets are dropped).</summary>
    public int SessionCount => _bySession.Count;

    /// <summary>
    /// Sends a JSON text event to every chat socket of the session (and journals it, kind <c>chat</c>). The task ends
    /// when every socket has taken the frame (or failed), for a caller whose next event goes out on another wire.
    /// </summary>
    public Task Send(string sessionId, JsonObject payload)
    {
        var sockets = Sockets(sessionId);
        journal.Record(sessionId, "WS", ClientChannel.ChatPath, 200, "event_out",
            new JsonObject { ["event_type"] = payload["event_type"]?.DeepClone(), ["sockets"] = sockets.Length }, LiveKitJournal.ChatKind);
        var text = payload.ToJsonString();
        return Task.WhenAll(sockets.Select(socket => socket.SendTextAsync(text)));
    }

    /// <summary>
    /// The user started or stopped speaking (chat-socket audio, the LiveKit microphone, push-to-talk): <c>user_start</c> /
    /// <c>user_stop</c> out, and the session's silence watches hear of it.
    /// </summary>
    public Task UserSpeaking(string sessionId, bool speaking)
    {
        // The watches first: a client that acts on user_start (advances the clock, say) must find them told.
        foreach (var socket in Sockets(sessionId)) socket.Silence?.UserSpeaking(speaking);
        return Send(sessionId, new JsonObject { ["event_type"] = speaking ? "user_start" : "user_stop" });
    }

    /// <summary>Whether a chat socket of the session was opened with <c>push_to_talk=true</c> (SDK 2.1.0's <c>enablePushToTalk</c>).</summary>
    public bool PushToTalkMode(string sessionId) => Sockets(sessionId).Any(s => s.PushToTalkMode);

    /// <summary>Opens or closes a push-to-talk window on the session's chat-socket microphone; false when no socket has one.</summary>
    public bool PushToTalk(string sessionId, bool on)
    {
        if (Sockets(sessionId).FirstOrDefault(s => s.Microphone is not null) is not { } socket) return false;
        socket.Microphone!.PushToTalk(on);
        return true;
    }

    /// <summary>The user sent text (chat socket or LiveKit data): not a silence.</summary>
    public void UserText(string sessionId)
    {
        foreach (var socket in Sockets(sessionId)) socket.Silence?.UserActive();
    }

    private ChatSocket[] Sockets(string sessionId) => _bySession.TryGetValue(sessionId, out var set) ? set.Keys.ToArray() : [];

    /// <summary>Closes the session's chat sockets (1000) when it ends.</summary>
    public void End(string sessionId)
    {
        if (!_bySession.TryRemove(sessionId, out var set)) return;
        foreach (var socket in set.Keys) _ = socket.CloseAsync("session ended");
    }

    /// <summary>Reset: closes every chat socket.</summary>
    public void EndAll()
    {
        foreach (var sessionId in _bySession.Keys) End(sessionId);
    }
}

/// <summary>One chat socket: serialised sends, a graceful close.</summary>
// Sends may still be queued on the lock when the socket closes; a semaphore without a wait handle holds nothing to free.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the lock outlives every send; no wait handle is used")]
internal sealed class ChatSocket(string sessionId, WebSocket socket)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public string SessionId { get; } = sessionId;
    public WebSocket Socket { get; } = socket;

    /// <summary>Set when the socket asked for <c>silence_response</c>.</summary>
    public SilenceWatch? Silence { get; init; }

    /// <summary>Opened with <c>push_to_talk=true</c>.</summary>
    public bool PushToTalkMode { get; init; }

    /// <summary>The socket's audio frames as utterances (set once the socket is accepted).</summary>
    public UtteranceRecorder? Microphone { get; set; }

    public async Task SendTextAsync(string text)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Socket.State != WebSocketState.Open) return;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _lock.Release();
        }
    }

    public async Task CloseAsync(string reason)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { Socket.Abort(); }
        finally
        {
            _lock.Release();
        }
    }
}
