using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HeyGenEmulator.LiveKit.Protocol;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// Signalling as LiveKit's native SDKs (Rust core: Python, Node, Unity) speak it: the token in <c>Authorization:
/// Bearer</c>, protocol 16 or 17, answers with id 0, and <c>/rtc/validate</c> at each path they ask for it.
/// </summary>
public sealed class NativeClientSignallingTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    private const string NotFound404 = "404 page not found";

    private async Task<ClientWebSocket> ConnectWithBearerAsync(string token, int protocol)
    {
        var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", "Bearer " + token);
        // The query rtc-node 1.1.0 sends on /rtc (after its /rtc/v1 attempt was refused).
        await ws.ConnectAsync(emu.WsUri($"/rtc?sdk=rust&os=Debian&os_version=12.0.0&device_model=Unknown&protocol={protocol}&client_protocol=2" +
            "&auto_subscribe=1&adaptive_stream=0&version=0.7.0&capabilities=CAP_PACKET_TRAILER%2CCAP_COMPRESSION_DEFLATE_RAW"), CancellationToken.None);
        return ws;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public async Task A_native_client_joins_over_the_bearer_header_and_every_step_is_accepted(int protocol)
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var client = new LiveKitTestClient(await ConnectWithBearerAsync(session.Token, protocol));

        var join = (await client.ReceiveAsync(Case.Join)).Join;
        Assert.Equal(session.Id, join.Room.Name);
        Assert.Equal("client", join.Participant.Identity);
        Assert.StartsWith("PA_", join.Participant.Sid);
        Assert.True(join.Participant.Permission.CanPublish && join.Participant.Permission.CanPublishData);
        Assert.False(string.IsNullOrEmpty(join.ServerInfo.Version));
        Assert.Equal(join.ServerInfo.Version, join.ServerVersion);
        Assert.Equal(16, join.ServerInfo.Protocol);
        Assert.True(join.SubscriberPrimary); // the server offers the subscriber connection: the native SDK waits for it
        Assert.False(join.FastPublish);      // no publisher offer until the client publishes
        Assert.Equal((5, 15), (join.PingInterval, join.PingTimeout));
        var avatar = Assert.Single(join.OtherParticipants);
        Assert.Equal("heygen", avatar.Identity);
        Assert.Equal(2, avatar.Tracks.Count);

        // The subscriber offer, answered as the Rust SDK answers: id 0, candidates trickled before and after.
        var offer = (await client.ReceiveAsync(Case.Offer)).Offer;
        Assert.Equal(1u, offer.Id);
        var candidate = new JsonObject { ["candidate"] = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0 };
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = SignallingTests.AnswerFor(offer.Sdp), Id = 0 } });
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });

        // Keep-alive: ping_req (with the client's rtt) and the older ping.
        await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 99, Rtt = 4 } });
        Assert.Equal(99, (await client.ReceiveAsync(Case.PongResp)).PongResp.LastPingTimestamp);
        await client.SendAsync(new SignalRequest { Ping = 100 });
        await client.ReceiveAsync(Case.Pong);

        // publishData and publishTrack: add_track, then the publisher offer (id 0 too) is answered with its id.
        await client.SendAsync(new SignalRequest { AddTrack = new AddTrackRequest { Cid = "mic", Type = TrackType.Audio, Source = TrackSource.Microphone } });
        Assert.Equal("mic", (await client.ReceiveAsync(Case.TrackPublished)).TrackPublished.Cid);
        await client.SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = SignallingTests.ClientOffer(), Id = 0 } });
        var answer = (await client.ReceiveAsync(Case.Answer)).Answer;
        Assert.Equal(("answer", 0u), (answer.Type, answer.Id));

        // streaming.stop: leave {ROOM_DELETED, DISCONNECT}, then the close.
        await emu.StopAsync(session.Id);
        var leave = (await client.ReceiveAsync(Case.Leave)).Leave;
        Assert.Equal((DisconnectReason.RoomDeleted, LeaveRequest.Types.Action.Disconnect, false), (leave.Reason, leave.Action, leave.CanReconnect));
        Assert.Null(await client.ReceiveAsync());

        var journal = emu.Journal(session.Id);
        Assert.DoesNotContain(journal, e => e.Status >= 400);
        var applied = Assert.Single(journal, e => LiveKitEmulator.Step(e) == "answer");
        Assert.Equal(101, applied.Status);
        Assert.Equal(1, applied.Request!["queued_candidates"]!.GetValue<int>());
        Assert.Contains(journal, e => LiveKitEmulator.Step(e) == "publisher_answer");
    }

    [Theory]
    [InlineData("rtc/validate", false)]
    [InlineData("rtc/validate", true)]
    [InlineData("rtc/rtc/validate", false)] // Rust-core SDKs before rust-sdks #832 ask here
    [InlineData("rtc/rtc/validate", true)]
    public async Task Validate_answers_as_livekit_server_with_the_token_in_the_query_or_the_bearer_header(string path, bool bearer)
    {
        var session = await emu.NewSessionAsync();
        var badSignature = session.Token[..^4] + (session.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        Assert.Equal((200, "success"), await ValidateAsync(path, session.Token, bearer));
        var (status, body) = await ValidateAsync(path, badSignature, bearer);
        Assert.Equal(401, status);
        Assert.StartsWith("invalid authorization token", body, StringComparison.Ordinal);
        await emu.StopAsync(session.Id);
        Assert.Equal((404, LiveKitTokenCheck.RoomMissing), await ValidateAsync(path, session.Token, bearer));
    }

    [Theory]
    [InlineData("rtc/validate")]
    [InlineData("rtc/rtc/validate")]
    public async Task Validate_without_a_token_or_with_a_non_bearer_header_is_401_and_the_header_wins_over_the_query(string path)
    {
        var session = await emu.NewSessionAsync();
        Assert.Equal((401, LiveKitTokenCheck.NoPermission), await SendAsync(new HttpRequestMessage(HttpMethod.Get, path)));

        var basic = new HttpRequestMessage(HttpMethod.Get, $"{path}?access_token={session.Token}");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        Assert.Equal((401, LiveKitTokenCheck.BadAuthorizationHeader), await SendAsync(basic));

        var both = new HttpRequestMessage(HttpMethod.Get, $"{path}?access_token={session.Token}");
        both.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        Assert.Equal(401, (await SendAsync(both)).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V1_validate_is_404_for_any_token_as_on_a_server_without_v1_so_clients_fall_back(bool bearer)
    {
        var session = await emu.NewSessionAsync();
        Assert.Equal((404, NotFound404), await ValidateAsync("rtc/v1/validate", session.Token, bearer));
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "v1_validate" && e.Status == 404);
    }

    [Fact]
    public async Task The_v1_upgrade_a_native_client_tries_first_is_refused_with_404_and_journaled_for_its_session()
    {
        var session = await emu.NewSessionAsync();
        using var ws = new ClientWebSocket();
        ws.Options.CollectHttpResponseDetails = true;
        ws.Options.SetRequestHeader("Authorization", "Bearer " + session.Token);
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(emu.WsUri("/rtc/v1?join_request=CAES"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, ws.HttpStatusCode);
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "v1_refused" && e.Status == 404);
    }

    private Task<(int Status, string Body)> ValidateAsync(string path, string token, bool bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, bearer ? $"{path}?protocol=16&sdk=rust" : $"{path}?access_token={token}&protocol=16");
        if (bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }

    private async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await emu.Http.SendAsync(request);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }
}
