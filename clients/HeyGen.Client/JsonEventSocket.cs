using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace HeyGen.Client;

/// <summary>
/// A WebSocket whose server sends JSON objects as text: they are read in the background and queued, so a caller can
/// wait for the next one without a cancelled receive tearing the socket down. Text that is not a JSON object is
/// dropped, as the SDKs drop it. Shared by HeyGen's chat socket and LiveAvatar's LITE socket.
/// </summary>
internal sealed class JsonEventSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private JsonEventSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = ReadAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<JsonEventSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new JsonEventSocket(socket);
    }

    /// <summary>The next event, or null if none arrives within <paramref name="timeout"/> or the socket closed.</summary>
    public async Task<JsonObject?> NextEventAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _events.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    public Task SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type, CancellationToken cancellationToken) =>
        _socket.SendAsync(message, type, true, cancellationToken).AsTask();

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                if (result.MessageType != WebSocketMessageType.Text) continue;
                try
                {
                    if (JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)) is JsonObject e)
                        _events.Writer.TryWrite(e);
                }
                catch (System.Text.Json.JsonException) { }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        _stop.Cancel();
        await _reader.ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }
}
