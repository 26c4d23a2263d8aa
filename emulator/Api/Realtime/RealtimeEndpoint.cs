using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HeyGenEmulator.Errors;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>
/// The realtime socket at a v2 session's <c>realtime_endpoint</c> (heygen-realtime.md): no credential but the session
/// id in the path; 404 before the upgrade for an unknown or ended session, 400 for a v1 session, 429 beyond
/// <see cref="RealtimeSpeech.MaxConnections"/> open sockets. On open <c>session.state_updated</c> <c>connecting</c>
/// then <c>connected</c>; then JSON text commands in (<see cref="RealtimeCommand"/>), events out. Bad messages get an
/// <c>error</c> event and the socket stays open; a message over 1 MiB gets one and a 1009 close; the session's end
/// sends <c>closed</c> and a 1000 close.
/// </summary>
public static class RealtimeEndpoint
{
    public const string Route = "/v2-alpha/interactive-avatar/session/{sessionId}";
    /// <summary>The older doc's shape (D-RT0): served the same.</summary>
    public const string OldRoute = "/v1-alpha/realtime/{sessionId}";
    public const int MaxMessageBytes = 1024 * 1024;

    public static string PathOf(string sessionId) => "/v2-alpha/interactive-avatar/session/" + sessionId;

    public static void MapRealtimeEndpoint(this IEndpointRouteBuilder app)
    {
        app.Map(RealtimeEndpoint.Route, HandleAsync).ExcludeFromDescription();
        app.Map(RealtimeEndpoint.OldRoute, HandleAsync).ExcludeFromDescription();
    }

    public static Task HandleAsync(HttpContext context, string sessionId, SessionManager sessions, RealtimeSpeech realtime,
        LiveKitJournal journal, ILoggerFactory logs) =>
        ServeAsync(context, sessionId, PathOf(sessionId), HeyGenAdmits, LiveKitJournal.RealtimeKind, sessions, realtime, journal, logs);

    /// <summary>HeyGen's socket serves v2 sessions: not v1's, nor LiveAvatar's (theirs is at their own ws_url).</summary>
    private static (int, string)? HeyGenAdmits(Session session) => session.Spec.Version switch
    {
        ApiVersion.V1 => (400, "the realtime socket serves v2 (LiveKit) sessions; this session is v1"),
        ApiVersion.LiveAvatar => (404, "session not found"),
        _ => null,
    };

    /// <summary>
    /// The socket for one session: <paramref name="admits"/> says why a session of the wrong kind is refused (null
    /// admits it). The same protocol serves HeyGen's <c>realtime_endpoint</c> and LiveAvatar LITE's <c>ws_url</c>.
    /// </summary>
    public static async Task ServeAsync(HttpContext context, string sessionId, string path, Func<Session, (int, string)?> admits, string kind,
        SessionManager sessions, RealtimeSpeech realtime, LiveKitJournal journal, ILoggerFactory logs)
    {
        var method = context.WebSockets.IsWebSocketRequest ? "WS" : context.Request.Method;
        sessions.Sweep();
        var session = sessions.FindAny(sessionId);
        var (status, reason) = session switch
        {
            null => (404, "session not found"),
            { IsOpen: false } => (404, "session is closed"),
            _ when admits(session) is { } refusal => refusal,
            _ when !context.WebSockets.IsWebSocketRequest => (400, "expected a WebSocket upgrade"),
            _ => (200, "ok"),
        };
        using var connection = new RealtimeConnection(sessionId, journal, path, kind);
        IDisposable? listening = null;
        if (status == 200)
        {
            // Queued before anything else can be: the first two frames are always connecting, connected (journaled
            // with "opened", once the socket exists).
            foreach (var state in new[] { "connecting", "connected" })
                connection.Send(new RealtimeStateEvent(RealtimeEvents.StateUpdated, RealtimeEvents.NewId(), state), RealtimeEvents.StateUpdated, journaled: false);
            listening = realtime.Connect(session!, notice => Forward(connection, notice));
            if (listening is null) (status, reason) = (429, "too many realtime sockets for this session");
        }
        if (status != 200)
        {
            journal.Record(sessionId, method, path, status, "refused", new JsonObject { ["reason"] = reason }, kind);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(reason);
            return;
        }
        var log = logs.CreateLogger(typeof(RealtimeEndpoint).FullName!);
        var counts = new FrameCounts();
        string cause = "client went away";
        using (listening)
        {
            using var ws = await context.WebSockets.AcceptWebSocketAsync();
            journal.Record(sessionId, "WS", path, 101, "opened", new JsonObject { ["events_out"] = "session.state_updated connecting, connected" },
                kind);
            var writer = connection.RunAsync(ws, context.RequestAborted);
            using var receiving = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, connection.Closing);
            try
            {
                cause = await ReceiveAsync(ws, session!, realtime, connection, journal, path, kind, counts, log, receiving.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
            finally
            {
                connection.CloseAfter(WebSocketCloseStatus.NormalClosure, "bye");
                await writer;
                journal.Record(sessionId, "WS", path, 101, "closed", new JsonObject
                {
                    ["cause"] = session!.IsOpen ? cause : "session ended",
                    ["frames_in"] = counts.Frames,
                    ["audio_bytes_in"] = counts.AudioBytes,
                    ["errors"] = counts.Errors,
                    ["events_out"] = connection.Sent,
                }, kind);
            }
        }
    }

    private sealed class FrameCounts
    {
        public int Frames, Errors;
        public long AudioBytes;
    }

    private static async Task<string> ReceiveAsync(WebSocket ws, Session session, RealtimeSpeech realtime, RealtimeConnection connection,
        LiveKitJournal journal, string path, string kind, FrameCounts counts, ILogger log, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (ws.State == WebSocketState.Open)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await ws.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close) return "client closed";
                if (message.Length + result.Count > MaxMessageBytes)
                {
                    counts.Errors++;
                    SendError(connection, $"the message is larger than {MaxMessageBytes} bytes", null);
                    connection.CloseAfter(WebSocketCloseStatus.MessageTooBig, "message too big");
                    await DrainUntilClosedAsync(ws, cancellationToken);
                    return "message too big";
                }
                message.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            counts.Frames++;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var details = new JsonObject { ["bytes"] = message.Length };
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                counts.Errors++;
                details["type"] = "(binary)";
                SendError(connection, "binary frames are not accepted: send each command as a JSON text frame", null);
            }
            else
            {
                string? eventId = null;
                try
                {
                    var command = RealtimeCommand.Read(message.GetBuffer().AsMemory(0, (int)message.Length), out eventId);
                    details["type"] = command.Type;
                    details["event_id"] = command.EventId;
                    if (command.Audio.Length > 0) details["audio_bytes"] = command.Audio.Length;
                    counts.AudioBytes += command.Audio.Length;
                    Apply(realtime, session, command);
                }
                catch (HeyGenException e)
                {
                    counts.Errors++;
                    details["error"] = e.Error.Message;
                    SendError(connection, e.Error.Message, eventId);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    counts.Errors++;
                    log.LogWarning(e, "Session {SessionId}: realtime command failed", session.Id);
                    SendError(connection, "the command could not be carried out", eventId, RealtimeEvents.ServerError);
                }
            }
            details["ms"] = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
            journal.Record(session.Id, "WS", path, 200, "frame_in", details, kind);
        }
        return "socket closed";
    }

    private static void Apply(RealtimeSpeech realtime, Session session, RealtimeCommand command)
    {
        switch (command.Type)
        {
            case RealtimeCommand.Speak: realtime.Speak(session, command.Audio, command.EventId); break;
            case RealtimeCommand.SpeakEnd: realtime.SpeakEnd(session); break;
            case RealtimeCommand.BufferAppend: realtime.Append(session, command.Audio, command.EventId); break;
            case RealtimeCommand.BufferCommit: realtime.Commit(session, command.Audio, command.EventId); break;
            case RealtimeCommand.BufferClear: realtime.Clear(session); break;
            case RealtimeCommand.Interrupt: realtime.Interrupt(session); break;
            case RealtimeCommand.StartListening: realtime.Listening(session, true); break;
            case RealtimeCommand.StopListening or RealtimeCommand.EndListening: realtime.Listening(session, false); break;
            case RealtimeCommand.KeepAlive: realtime.KeepAlive(session); break;
            // RealtimeCommand.Start: format fields only, nothing to do.
        }
    }

    private static void Forward(RealtimeConnection connection, RealtimeNotice notice)
    {
        if (notice.Kind == RealtimeNoticeKind.SessionClosed)
        {
            connection.Send(new RealtimeStateEvent(RealtimeEvents.StateUpdated, RealtimeEvents.NewId(), "closed"), RealtimeEvents.StateUpdated);
            connection.CloseAfter(WebSocketCloseStatus.NormalClosure, "session ended");
            return;
        }
        var type = notice.Kind switch
        {
            RealtimeNoticeKind.SpeakStarted => RealtimeEvents.SpeakStarted,
            RealtimeNoticeKind.SpeakEnded => RealtimeEvents.SpeakEnded,
            _ => RealtimeEvents.SpeakInterrupted,
        };
        connection.Send(new RealtimeSpeakEvent(type, notice.EventId ?? RealtimeEvents.NewId(), notice.EventId, new RealtimeTask(notice.TaskId!)), type);
    }

    private static void SendError(RealtimeConnection connection, string message, string? eventId, string type = RealtimeEvents.InvalidRequest) =>
        connection.Send(new RealtimeErrorEvent(RealtimeEvents.Error, RealtimeEvents.NewId(), new RealtimeErrorDetail(type, message, eventId)), RealtimeEvents.Error);

    /// <summary>After our close: reads (and drops) until the client's close arrives or the close's grace ends.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket ws, CancellationToken cancellationToken)
    {
        var sink = new byte[16 * 1024];
        try
        {
            while (ws.State is WebSocketState.Open or WebSocketState.CloseSent)
                if ((await ws.ReceiveAsync(sink, cancellationToken)).MessageType == WebSocketMessageType.Close) return;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
    }
}
