using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyGen.Client.LiveAvatar;

/// <summary>
/// A LITE session's <c>ws_url</c> socket (liveavatar-wire.md §5), opened as the web SDK opens it: the URL verbatim,
/// no header. Speech goes out as the SDK sends <c>repeatAudio</c>: base64 PCM (s16le, 24 kHz, mono) in
/// <c>agent.speak</c> pieces of 300 ms, then 750 ms, all with one <c>event_id</c>, then <c>agent.speak_end</c>.
/// The server's events (<c>session.state_updated</c>, <c>agent.speak_started</c>/<c>_ended</c>, …) are queued.
/// </summary>
public sealed class LiveAvatarLiteSocket : IAsyncDisposable
{
    public const int SampleRate = 24000;
    /// <summary>The SDK's pieces: 19 200 base64 characters (300 ms) first, then 48 000 (750 ms).</summary>
    public const int FirstChunkBytes = SampleRate * 2 * 300 / 1000, ChunkBytes = SampleRate * 2 * 750 / 1000;

    private readonly JsonEventSocket _socket;

    private LiveAvatarLiteSocket(JsonEventSocket socket) => _socket = socket;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<LiveAvatarLiteSocket> ConnectAsync(Uri wsUrl, CancellationToken cancellationToken = default) =>
        new(await JsonEventSocket.ConnectAsync(wsUrl, cancellationToken).ConfigureAwait(false));

    /// <summary>One utterance: <c>agent.speak</c> chunks of <paramref name="pcm"/>, then <c>agent.speak_end</c>, all with <paramref name="eventId"/>.</summary>
    public async Task SpeakAsync(ReadOnlyMemory<byte> pcm, string eventId, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (offset < pcm.Length)
        {
            var size = Math.Min(offset == 0 ? FirstChunkBytes : ChunkBytes, pcm.Length - offset);
            await SendAsync(new JsonObject { ["type"] = "agent.speak", ["audio"] = Convert.ToBase64String(pcm.Span.Slice(offset, size)), ["event_id"] = eventId }, cancellationToken).ConfigureAwait(false);
            offset += size;
        }
        await SendAsync(new JsonObject { ["type"] = "agent.speak_end", ["event_id"] = eventId }, cancellationToken).ConfigureAwait(false);
    }

    public Task InterruptAsync(string? eventId = null, CancellationToken cancellationToken = default) => CommandAsync("agent.interrupt", eventId, cancellationToken);
    public Task StartListeningAsync(string eventId, CancellationToken cancellationToken = default) => CommandAsync("agent.start_listening", eventId, cancellationToken);
    public Task StopListeningAsync(string eventId, CancellationToken cancellationToken = default) => CommandAsync("agent.stop_listening", eventId, cancellationToken);
    public Task KeepAliveAsync(string eventId, CancellationToken cancellationToken = default) => CommandAsync("session.keep_alive", eventId, cancellationToken);

    /// <summary>Any command as JSON text.</summary>
    public Task SendAsync(JsonObject command, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(command.ToJsonString()), WebSocketMessageType.Text, cancellationToken);

    /// <summary>The next event, or null if none arrives within <paramref name="timeout"/> or the socket closed.</summary>
    public Task<JsonObject?> NextEventAsync(TimeSpan timeout) => _socket.NextEventAsync(timeout);

    /// <summary>The next event of <paramref name="type"/>, skipping others; null on timeout or close.</summary>
    public async Task<JsonObject?> WaitForAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var next = await NextEventAsync(deadline - DateTime.UtcNow).ConfigureAwait(false);
            if (next is null) return null;
            if ((string?)next["type"] == type) return next;
        }
        return null;
    }

    /// <summary>Speech-like test audio: a tone of <paramref name="hz"/> for <paramref name="seconds"/>, as 24 kHz s16le mono PCM.</summary>
    public static byte[] Tone(double seconds, double hz = 200, short amplitude = 8000)
    {
        var pcm = new byte[(int)(seconds * SampleRate) * 2];
        for (var i = 0; i < pcm.Length / 2; i++)
        {
            var s = (short)(amplitude * Math.Sin(2 * Math.PI * hz * i / SampleRate));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        return pcm;
    }

    private Task CommandAsync(string type, string? eventId, CancellationToken cancellationToken)
    {
        var command = new JsonObject { ["type"] = type };
        if (eventId is not null) command["event_id"] = eventId;
        return SendAsync(command, cancellationToken);
    }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
