using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.LiveKit.Pipecat;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Api;

/// <summary>
/// HeyGen's chat socket <c>/v1/ws/streaming.chat</c> (heygen-wire §7): <c>session_id</c> + <c>session_token</c> checked
/// (read raw: a token's <c>+</c> stays a plus), <c>silence_response</c>, <c>stt_language</c>, <c>arch_version</c>,
/// <c>push_to_talk</c> accepted. Binary <c>pipecat.Frame</c>s in: text → a talk task, audio (16 kHz s16le mono) → VAD →
/// <c>{"event_type":"user_start"|"user_stop"}</c> out as JSON text; with <c>silence_response=true</c>, <c>user_silence</c>
/// after a quiet spell (<see cref="SilenceWatch"/>).
/// </summary>
public static class ChatEndpoint
{
    public const string Path = ClientChannel.ChatPath;

    public static void MapChatEndpoint(this IEndpointRouteBuilder app) =>
        app.Map(ChatEndpoint.Path, HandleAsync).ExcludeFromDescription();
    private const int MaxMessageBytes = 1024 * 1024;

    public static async Task HandleAsync(HttpContext context, SessionManager sessions, TokenStore tokens, ApiKeyRegistry keys,
        ChatSockets chats, ClientSpeech speech, LiveKitJournal journal, IOptions<LiveKitSettings> settings, EmulatorClock clock)
    {
        var query = RawQuery(context.Request.QueryString.Value);
        var sessionId = query.GetValueOrDefault("session_id");
        var path = Path + context.Request.QueryString;
        var method = context.WebSockets.IsWebSocketRequest ? "WS" : context.Request.Method;
        sessions.Sweep();
        var session = string.IsNullOrEmpty(sessionId) ? null : sessions.FindAny(sessionId);
        var (status, reason) = Check(session, query.GetValueOrDefault("session_token"), tokens, keys);
        if (status == 200 && !context.WebSockets.IsWebSocketRequest) (status, reason) = (400, "expected a WebSocket upgrade");
        if (status == 200 && chats.Full(session!.Id)) (status, reason) = (429, ChatSockets.FullReason);
        if (status != 200)
        {
            journal.Record(sessionId, method, path, status, "refused", new JsonObject { ["reason"] = reason }, LiveKitJournal.ChatKind);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(reason);
            return;
        }
        // The quiet is counted from before the 101: a client that advances the clock as soon as it is connected
        // must find the watch already counting.
        var silence = string.Equals(query.GetValueOrDefault("silence_response"), "true", StringComparison.OrdinalIgnoreCase)
            ? new SilenceWatch(clock, session!, TimeSpan.FromSeconds(settings.Value.SilencePromptSeconds), settings.Value.SilencePromptMax,
                prompt => chats.Send(session!.Id, prompt))
            : null;
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var chat = new ChatSocket(session!.Id, ws)
        {
            Silence = silence,
            PushToTalkMode = string.Equals(query.GetValueOrDefault("push_to_talk"), "true", StringComparison.OrdinalIgnoreCase),
        };
        chat.Microphone = new UtteranceRecorder(
            new VoiceActivityDetector(settings.Value.VadThreshold, TimeSpan.FromMilliseconds(settings.Value.VadHangoverMs)),
            speech.WantsUtteranceAudio, () => speech.UserStarted(session.Id), u => speech.UserStopped(session.Id, u), chat.PushToTalkMode);
        using var silenceStop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        chats.Add(chat);
        // The client may hold the 101 before this socket is added: a stop in between found nothing to close.
        if (!session.IsOpen) chats.End(session.Id);
        var silenceRun = chat.Silence?.RunAsync(silenceStop.Token) ?? Task.CompletedTask;
        journal.Record(session.Id, "WS", path, 101, "opened", new JsonObject
        {
            ["silence_response"] = query.GetValueOrDefault("silence_response"),
            ["stt_language"] = query.GetValueOrDefault("stt_language"),
            ["arch_version"] = query.GetValueOrDefault("arch_version"),
            ["push_to_talk"] = query.GetValueOrDefault("push_to_talk"),
        }, LiveKitJournal.ChatKind);
        int frames = 0, audioFrames = 0, texts = 0;
        string cause = "client went away";
        try
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (ws.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        cause = "client closed";
                        await chat.CloseAsync("bye");
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                    if (message.Length > MaxMessageBytes)
                    {
                        cause = "message too big";
                        await ws.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", CancellationToken.None);
                        return;
                    }
                } while (!result.EndOfMessage);
                if (result.MessageType != WebSocketMessageType.Binary) continue; // the SDK sends only protobuf frames
                frames++;
                Frame frame;
                try { frame = Frame.Parser.ParseFrom(message.GetBuffer(), 0, (int)message.Length); }
                catch (InvalidProtocolBufferException) { continue; }
                switch (frame.FrameCase)
                {
                    case Frame.FrameOneofCase.Text:
                    case Frame.FrameOneofCase.Transcription:
                        var text = frame.FrameCase == Frame.FrameOneofCase.Text ? frame.Text.Text : frame.Transcription.Text;
                        if (string.IsNullOrWhiteSpace(text)) break;
                        texts++;
                        journal.Record(session.Id, "WS", Path, 200, "text_in", new JsonObject { ["text"] = text }, LiveKitJournal.ChatKind);
                        speech.UserText(session.Id, text, ClientChannel.ChatSocket);
                        break;
                    case Frame.FrameOneofCase.Audio:
                        audioFrames++;
                        var rate = frame.Audio.SampleRate == 0 ? 16000 : (int)frame.Audio.SampleRate;
                        chat.Microphone.PushPcm16(frame.Audio.Audio.Span, rate);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally
        {
            silenceStop.Cancel();
            await silenceRun;
            chats.Remove(chat);
            journal.Record(session.Id, "WS", Path, 101, "closed", new JsonObject
            {
                ["cause"] = session.IsOpen ? cause : "session ended",
                ["frames"] = frames,
                ["audio_frames"] = audioFrames,
                ["texts"] = texts,
            }, LiveKitJournal.ChatKind);
        }
    }

    /// <summary>
    /// 404 for an unknown or ended session, 401 unless the token is the session token bound to it (or an unbound one, or
    /// the API key, of the session's owner).
    /// </summary>
    public static (int Status, string Message) Check(Session? session, string? token, TokenStore tokens, ApiKeyRegistry keys)
    {
        if (session is null) return (404, "session not found");
        if (!session.IsOpen) return (404, "session is closed");
        if (string.IsNullOrEmpty(token)) return (401, "session_token is required");
        if (tokens.Find(token) is { } t)
            return t.Owner == session.Owner && (t.SessionId is null || t.SessionId == session.Id) ? (200, "ok") : (401, "session_token does not belong to this session");
        return keys.Find(token) == session.Owner ? (200, "ok") : (401, "invalid session_token");
    }

    /// <summary>Query parameters percent-decoded only: unlike form decoding, <c>+</c> stays <c>+</c>.</summary>
    public static Dictionary<string, string> RawQuery(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query)) return result;
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            result.TryAdd(key, value);
        }
        return result;
    }
}
