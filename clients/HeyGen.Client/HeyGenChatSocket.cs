using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace HeyGen.Client;

/// <summary>
/// HeyGen's chat socket <c>/v1/ws/streaming.chat</c> as the official SDK opens it (heygen-wire §7.2): the server's
/// JSON events (<c>user_start</c>, <c>user_stop</c>, <c>user_silence</c>, …) are read in the background and queued, so
/// a caller can wait for the next one without a cancelled receive tearing the socket down.
/// </summary>
public sealed class HeyGenChatSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private HeyGenChatSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = ReadAsync();
    }

    /// <summary>The close status the server sent, once it closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>
    /// Opens <c>ws(s)://&lt;base host&gt;/v1/ws/streaming.chat?session_id=…&amp;session_token=…</c> plus
    /// <paramref name="extraQuery"/> (for example <c>silence_response=true</c>). The scheme follows the base URL's
    /// (the SDK always uses wss on 443; against the emulator's plain port this keeps ws and the port).
    /// </summary>
    public static async Task<HeyGenChatSocket> ConnectAsync(Uri baseUrl, string sessionId, string sessionToken, string? extraQuery = null,
        CancellationToken cancellationToken = default)
    {
        var uri = new UriBuilder(baseUrl)
        {
            Scheme = baseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = baseUrl.AbsolutePath.TrimEnd('/') + "/v1/ws/streaming.chat",
            Query = $"session_id={Uri.EscapeDataString(sessionId)}&session_token={Uri.EscapeDataString(sessionToken)}" +
                    (string.IsNullOrEmpty(extraQuery) ? "" : "&" + extraQuery.TrimStart('&')),
        }.Uri;
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
        return new HeyGenChatSocket(socket);
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

    /// <summary>Sends one binary message (a serialized <c>pipecat.Frame</c>).</summary>
    public Task SendBinaryAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken).AsTask();

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
                // The SDK parses each text message as JSON and drops what does not parse; so does this reader.
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
