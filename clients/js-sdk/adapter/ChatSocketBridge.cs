using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Playwright;

namespace HeyGen.JsSdk;

/// <summary>
/// Relays the SDK's chat socket (<c>wss://&lt;host&gt;:443/v1/ws/streaming.chat?…</c>, port and TLS forced by the SDK)
/// to the emulator's <c>ws://127.0.0.1:&lt;port&gt;</c> with the same path and query, byte for byte.
/// Caveat: Playwright opens a routed page socket at once, so the page sees "open" even if the emulator then refuses;
/// the refusal reaches the page as a close (code 1011) right after. <see cref="Connected"/> tells which happened.
/// </summary>
public sealed class ChatSocketBridge(IWebSocketRoute route, string emulatorUrl, Action<string> log) : IDisposable
{
    private readonly ClientWebSocket _server = new();
    private readonly Channel<IWebSocketFrame> _toServer = Channel.CreateUnbounded<IWebSocketFrame>();
    private readonly CancellationTokenSource _stop = new();

    public string PageUrl => route.Url;
    public string? ServerUrl { get; private set; }
    public bool Connected { get; private set; }
    public string? ConnectError { get; private set; }
    public int FramesToServer { get; private set; }
    public int FramesToPage { get; private set; }
    public List<string> TextToPage { get; } = [];

    public void Start()
    {
        var pageUri = new Uri(route.Url);
        ServerUrl = "ws" + emulatorUrl["http".Length..] + pageUri.PathAndQuery;
        route.OnMessage(frame => _toServer.Writer.TryWrite(frame));
        route.OnClose((code, reason) =>
        {
            _toServer.Writer.TryComplete();
            _ = CloseServerAsync(code ?? 1000, reason);
        });
        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        try
        {
            await _server.ConnectAsync(new Uri(ServerUrl!), _stop.Token);
            Connected = true;
            log($"chat bridge: {PageUrl} → {ServerUrl} connected");
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            ConnectError = e.Message;
            log($"chat bridge: {ServerUrl} refused: {e.Message}");
            await SafeAsync(() => route.CloseAsync(new() { Code = 1011, Reason = "emulator refused the chat socket" }));
            return;
        }
        var pump = PumpToServerAsync();
        var buffer = new byte[64 * 1024];
        try
        {
            while (_server.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _server.ReceiveAsync(buffer, _stop.Token);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await SafeAsync(() => route.CloseAsync(new() { Code = (int?)result.CloseStatus ?? 1000, Reason = result.CloseStatusDescription ?? "" }));
                    break;
                }
                FramesToPage++;
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    var text = System.Text.Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                    lock (TextToPage) TextToPage.Add(text);
                    route.Send(text);
                }
                else route.Send(message.ToArray());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or PlaywrightException)
        {
            log($"chat bridge: {e.Message}");
        }
        await pump;
    }

    private async Task PumpToServerAsync()
    {
        try
        {
            await foreach (var frame in _toServer.Reader.ReadAllAsync(_stop.Token))
            {
                if (_server.State != WebSocketState.Open) break;
                FramesToServer++;
                if (frame.Binary is { } bytes) await _server.SendAsync(bytes, WebSocketMessageType.Binary, true, _stop.Token);
                else await _server.SendAsync(System.Text.Encoding.UTF8.GetBytes(frame.Text ?? ""), WebSocketMessageType.Text, true, _stop.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
    }

    private async Task CloseServerAsync(int code, string? reason)
    {
        try
        {
            if (_server.State == WebSocketState.Open)
                await _server.CloseAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ArgumentException or ObjectDisposedException) { }
    }

    private static async Task SafeAsync(Func<Task> f)
    {
        try { await f(); } catch (PlaywrightException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.Dispose();
    }
}
