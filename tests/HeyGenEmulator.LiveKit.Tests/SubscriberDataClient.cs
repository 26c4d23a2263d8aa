using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.WebRtc.Sdp;
using SessionDescription = HeyGenEmulator.WebRtc.Sdp.SessionDescription;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The client's subscriber connection: it answers the engine's offer (recvonly, setup:active), connects, receives the
/// avatar's SRTP and the data channels the engine opens, and keeps every LiveKit user packet that arrives on them.
/// </summary>
public sealed class SubscriberDataClient : SctpTestPeer
{
    private readonly ConcurrentQueue<DataPacket> _packets = new();
    private SessionDescription? _offer;

    public SubscriberDataClient() => MessageReceived += (_, bytes) =>
    {
        try { _packets.Enqueue(DataPacket.Parser.ParseFrom(bytes)); }
        catch (Google.Protobuf.InvalidProtocolBufferException) { } // a test reads what it expects; junk stays out
    };

    /// <summary>Our answer to the engine's subscriber offer.</summary>
    public string Answer(string offerSdp)
    {
        _offer = SdpParser.TryParse(offerSdp, out var error) ?? throw new ArgumentException("offer does not parse: " + error);
        return SdpAnswerBuilder.Build(_offer, Ice, Certificate.Fingerprint);
    }

    public Task ConnectAsync(TimeSpan timeout) => ConnectAsync(_offer ?? throw new InvalidOperationException("Answer first"), timeout);

    /// <summary>The payload type the answer accepted for audio or video.</summary>
    public int PayloadType(SdpMediaKind kind) => SdpAnswerBuilder.AcceptedPayloadType(_offer!, kind);

    public IReadOnlyList<DataPacket> Packets => _packets.ToArray();

    /// <summary>The JSON payloads of user packets on <paramref name="topic"/>, in arrival order.</summary>
    public List<JsonObject> Events(string topic) => _packets
        .Where(p => p.User is { } u && u.HasTopic && u.Topic == topic)
        .Select(p => (JsonObject)JsonNode.Parse(p.User.Payload.ToStringUtf8())!).ToList();
}
