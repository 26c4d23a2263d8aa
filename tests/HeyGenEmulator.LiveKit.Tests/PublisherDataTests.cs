using Google.Protobuf;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>The media engine on, so the client's publisher connection is real: ICE, DTLS and SCTP over loopback UDP.</summary>
public sealed class MediaLiveKitEmulator : LiveKitEmulator
{
    protected override void Configure(EmulatorHostOptions options) => options.Media = true;
}

/// <summary>S11, the data the client publishes: it travels the publisher peer connection's <c>_reliable</c> channel.</summary>
public sealed class PublisherDataTests(MediaLiveKitEmulator emu) : IClassFixture<MediaLiveKitEmulator>
{
    [Fact]
    public async Task S11_client_data_text_on_the_reliable_channel_becomes_a_talk_task_with_the_deterministic_reply()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var client = await emu.JoinAsync(session);
        await client.ReceiveAsync(Case.Join);
        using var publisher = new PublisherDataClient();
        await client.SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = publisher.Offer(), Id = 1 } });
        var answer = await client.ReceiveAsync(Case.Answer);
        await publisher.ConnectAsync(answer.Answer.Sdp, TimeSpan.FromSeconds(10));

        publisher.Send(new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("\"hi avatar\"") } }.ToByteArray());

        var s = emu.Services.GetRequiredService<SessionManager>().FindAny(session.Id)!;
        await Poll.Until(() => s.TaskSnapshot().Any(t => t.SpokenText == "You said: hi avatar"), "task from data", TimeSpan.FromSeconds(30)); // espeak-ng and ffmpeg run first: slow on a loaded machine
    }
}
