using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HeyGenEmulator.LiveKit;

namespace HeyGenEmulator.Api;

/// <summary>
/// The sending side of one realtime socket: events queue here (bounded; a client that never reads loses the oldest)
/// and one writer sends them in order, then the close. Events may be queued before the socket is accepted: the
/// writer starts with whatever waits. Once the close is queued, <see cref="Closing"/> fires a moment later: a client that
/// never answers the close frame does not hold the socket.
/// </summary>
internal sealed class RealtimeConnection(string sessionId, LiveKitJournal journal, string path, string kind) : IDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _closing = new();
    private const int MaxQueued = 256;
    private readonly Channel<Outgoing> _out = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(MaxQueued)
    {
        FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
    });
    private int _sent;

    private sealed record Outgoing(string? Text, WebSocketCloseStatus? Close, string? Reason);

    public int Sent => Volatile.Read(ref _sent);

    public CancellationToken Closing => _closing.Token;

    /// <summary>Queues an event; journaled unless it is queued before the socket exists (the opening states).</summary>
    public void Send<T>(T payload, string type, bool journaled = true)
    {
        if (journaled)
            journal.Record(sessionId, "WS", path, 200, "event_out", new JsonObject { ["type"] = type }, kind);
        _out.Writer.TryWrite(new Outgoing(JsonSerializer.Serialize(payload), null, null));
    }

    /// <summary>Closes after what is queued; later sends are dropped.</summary>
    public void CloseAfter(WebSocketCloseStatus status, string reason)
    {
        if (!_out.Writer.TryWrite(new Outgoing(null, status, reason))) return;
        _out.Writer.TryComplete();
        try { _closing.CancelAfter(CloseGrace); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose() => _closing.Dispose();

    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _out.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                if (item.Close is { } status)
                {
                    await socket.CloseOutputAsync(status, item.Reason, timeout.Token).ConfigureAwait(false);
                    return;
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(item.Text!), WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
