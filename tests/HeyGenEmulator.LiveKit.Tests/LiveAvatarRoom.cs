using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGen.Client.LiveAvatar;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.LiveKit.Protocol;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// A LiveAvatar FULL session as the web SDK drives it, without a browser: the backend's token call and
/// <c>/start</c> (<see cref="LiveAvatarClient"/>), then LiveKit with <c>livekit_client_token</c> (protocol 16),
/// the subscriber answered and connected (media and the engine's data channels), and the publisher offered and
/// connected (commands on <c>agent-control</c>, the microphone).
/// </summary>
public sealed class LiveAvatarRoom : IDisposable
{
    public const string Wayne = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private LiveAvatarRoom(LiveAvatarClient api, LiveAvatarStartInfo started, LiveKitTestClient signal, JoinResponse join)
    {
        Api = api;
        Started = started;
        Signal = signal;
        Join = join;
    }

    public LiveAvatarClient Api { get; }
    public LiveAvatarStartInfo Started { get; }
    public string SessionId => Started.SessionId;
    public LiveKitTestClient Signal { get; }
    public JoinResponse Join { get; }
    public SubscriberDataClient Subscriber { get; } = new();
    public PublisherDataClient Publisher { get; } = new();

    /// <summary>The token body a FULL session with Wayne and the given persona fields asks for.</summary>
    public static JsonObject FullBody(JsonObject? persona = null, JsonObject? extra = null)
    {
        persona ??= new JsonObject();
        persona["language"] ??= "en";
        var body = new JsonObject { ["mode"] = "FULL", ["avatar_id"] = Wayne, ["avatar_persona"] = persona };
        if (extra is not null)
            foreach (var (key, value) in extra) body[key] = value?.DeepClone();
        return body;
    }

    public static async Task<LiveAvatarRoom> OpenAsync(LiveKitEmulator emu, JsonObject? tokenBody = null)
    {
        var api = new LiveAvatarClient(emu.BaseUrl, LiveAvatarOptions.DefaultKey);
        await api.CreateSessionTokenAsync(tokenBody ?? FullBody());
        var started = await api.StartAsync();
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"{started.LivekitUrl.TrimEnd('/')}/rtc?access_token={started.LivekitClientToken}" +
            "&auto_subscribe=1&sdk=js&version=2.15.7&protocol=16&adaptive_stream=1"), CancellationToken.None);
        var signal = new LiveKitTestClient(ws);
        var room = new LiveAvatarRoom(api, started, signal, (await signal.ReceiveAsync(Case.Join)).Join);
        try
        {
            await room.ConnectAsync();
        }
        catch
        {
            room.Dispose();
            throw;
        }
        return room;
    }

    private async Task ConnectAsync()
    {
        var offer = (await Signal.ReceiveAsync(Case.Offer)).Offer;
        await Signal.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = Subscriber.Answer(offer.Sdp), Id = offer.Id } });
        await Subscriber.ConnectAsync(ConnectTimeout);

        await Signal.SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = Publisher.Offer(), Id = 1 } });
        var answer = (await Signal.ReceiveAsync(Case.Answer)).Answer;
        await Publisher.ConnectAsync(answer.Sdp, ConnectTimeout);
    }

    /// <summary>A command as livekit-client publishes it: user data with the topic, kind RELIABLE, no destinations.</summary>
    public void Send(string payload, string topic = "agent-control") => Publisher.Send(new DataPacket
    {
        Kind = DataPacket.Types.Kind.Reliable,
        ParticipantIdentity = Join.Participant.Identity,
        User = new UserPacket { ParticipantIdentity = Join.Participant.Identity, Payload = ByteString.CopyFromUtf8(payload), Topic = topic },
    }.ToByteArray());

    /// <summary>Sends a command with a fresh <c>event_id</c> and returns the id.</summary>
    public string Command(string eventType, string? text = null)
    {
        var id = Guid.NewGuid().ToString();
        var command = new JsonObject { ["event_id"] = id, ["event_type"] = eventType };
        if (text is not null) command["text"] = text;
        Send(command.ToJsonString());
        return id;
    }

    /// <summary>The agent's events received so far on <c>agent-response</c>.</summary>
    public List<JsonObject> Events => Subscriber.Events("agent-response");

    /// <summary>Waits until an event of <paramref name="type"/> (for <paramref name="source"/> when given) has arrived.</summary>
    public async Task<JsonObject> WaitForAsync(string type, string? source = null, TimeSpan? timeout = null)
    {
        JsonObject? Find() => Events.FirstOrDefault(e => Type(e) == type && (source is null || Source(e) == source));
        await Poll.Until(() => Find() is not null, $"{type} for {source ?? "any source"}", timeout ?? TimeSpan.FromSeconds(30));
        return Find()!;
    }

    public List<JsonObject> For(string source) => Events.Where(e => Source(e) == source).ToList();

    public static string Type(JsonObject e) => e["event_type"]!.GetValue<string>();
    public static string? Source(JsonObject e) => e["source_event_id"]?.GetValue<string>();
    public static string? Text(JsonObject e) => e["text"]?.GetValue<string>();

    public void Dispose()
    {
        try { Api.StopAsync().GetAwaiter().GetResult(); } catch (LiveAvatarApiException) { } catch (HttpRequestException) { }
        Publisher.Dispose();
        Subscriber.Dispose();
        Signal.Dispose();
        Api.Dispose();
    }
}
