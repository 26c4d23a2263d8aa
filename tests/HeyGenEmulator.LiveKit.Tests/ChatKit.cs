using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.LiveKit.Pipecat;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>Helpers for tests that drive the chat socket and read the LiveKit data a client receives.</summary>
public static class ChatKit
{
    /// <summary>A started session with a LiveKit client whose subscriber answer is applied (data events reach its peer).</summary>
    public static async Task<(LiveKitEmulator.NewSession Session, LiveKitTestClient Client, SignallingOnlyPeer Peer)> ConnectedAsync(LiveKitEmulator emu)
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        var client = await emu.JoinAsync(session);
        var offer = await client.ReceiveAsync(Case.Offer);
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = SignallingTests.AnswerFor(offer.Offer.Sdp), Id = offer.Offer.Id } });
        var rooms = emu.Services.GetRequiredService<LiveKitRooms>();
        await Poll.Until(() => rooms.Find(session.Id)?.Connection?.Subscriber is { DataReady: true }, "answer applied");
        return (session, client, (SignallingOnlyPeer)rooms.Find(session.Id)!.Connection!.Subscriber!);
    }

    /// <summary>The data packets the emulator sent the client, as JSON (each checked for the avatar's envelope).</summary>
    public static List<JsonObject> Events(SignallingOnlyPeer peer) => peer.Sent.Select(bytes =>
    {
        var packet = DataPacket.Parser.ParseFrom(bytes);
        Assert.Equal(DataPacket.Types.Kind.Reliable, packet.Kind);
        Assert.Equal("heygen", packet.ParticipantIdentity);
        Assert.Equal("heygen", packet.User.ParticipantIdentity);
        Assert.StartsWith("PA_", packet.User.ParticipantSid);
        Assert.Equal(0u, packet.Sequence);
        return (JsonObject)JsonNode.Parse(packet.User.Payload.ToStringUtf8())!;
    }).ToList();

    /// <summary>A session token issued for the test key (bound to no session yet, so any of the owner's sessions).</summary>
    public static string SessionToken(LiveKitEmulator emu)
    {
        var store = emu.Services.GetRequiredService<TokenStore>();
        var owner = emu.Services.GetRequiredService<ApiKeyRegistry>().Find(LiveKitEmulator.Key)!;
        return store.Issue(owner, DateTimeOffset.UtcNow).Value;
    }

    public static async Task<ClientWebSocket> ChatAsync(LiveKitEmulator emu, string sessionId, string token, bool silenceResponse = false, bool pushToTalk = false)
    {
        var (ws, status) = await emu.TryConnectAsync($"/v1/ws/streaming.chat?session_id={sessionId}&session_token={token}&silence_response={(silenceResponse ? "true" : "false")}&stt_language=en&arch_version=v2&push_to_talk={(pushToTalk ? "true" : "false")}");
        Assert.True(ws is not null, $"chat refused with {status}");
        return ws!;
    }

    public static async Task<JsonObject> ReceiveTextAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(5000);
        var buffer = new byte[8192];
        var result = await ws.ReceiveAsync(buffer, cts.Token);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
    }

    public static byte[] Tone(short amplitude)
    {
        var pcm = new byte[1024];
        for (int i = 0; i < 512; i++)
        {
            var v = (short)(amplitude * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            pcm[2 * i] = (byte)v;
            pcm[2 * i + 1] = (byte)(v >> 8);
        }
        return new Frame { Audio = new AudioRawFrame { Audio = ByteString.CopyFrom(pcm), SampleRate = 16000, NumChannels = 1 } }.ToByteArray();
    }
}
