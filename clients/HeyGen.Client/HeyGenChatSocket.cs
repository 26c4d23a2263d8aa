using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace HeyGen.Client;

/// <summary>
/// HeyGen's chat socket <c>/v1/ws/streaming.chat</c> as the official SDK opens it (heygen-wire §7.2): the server's
/// JSON events (<c>user_start</c>, <c>user_stop</c>, <c>user_silence</c>, …) are read in the background and queued, so
/// a caller can wait for the next one without a cancelled receive tearing the socket down.
/// </summary>
public sealed class HeyGenChatSocket : IAsyncDisposable
{
    private readonly JsonEventSocket _socket;

    private HeyGenChatSocket(JsonEventSocket socket) => _socket = socket;

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
        return new HeyGenChatSocket(await JsonEventSocket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The next event, or null if none arrives within <paramref name="timeout"/> or the socket closed.</summary>
    public Task<JsonObject?> NextEventAsync(TimeSpan timeout) => _socket.NextEventAsync(timeout);

    /// <summary>Sends one binary message (a serialized <c>pipecat.Frame</c>).</summary>
    public Task SendBinaryAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(frame, WebSocketMessageType.Binary, cancellationToken);

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
