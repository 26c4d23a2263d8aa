using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HeyGenEmulator.Clock;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.WebRtc.Sdp;
using Microsoft.Extensions.DependencyInjection;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>livekit-subset.md §5, the unit rows: each test names the spec step it proves.</summary>
public sealed class SignallingTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    private const string Magic = "requested room does not exist";

    /// <summary>A browser-like answer to our offer: every section accepted, recvonly, DTLS client (active).</summary>
    internal static string AnswerFor(string offer)
    {
        var answer = LiveKitSdp.PublisherAnswer(offer, "abcd1234", "0123456789abcdef01234567", SdpFingerprint.Sha256(RandomNumberGenerator.GetBytes(32)),
            "127.0.0.1", 50000, out var error);
        Assert.True(answer is not null, error);
        return answer!.Replace("a=setup:passive", "a=setup:active");
    }

    /// <summary>A publisher offer as a client makes it: its own data channels and a microphone (and camera) to send.</summary>
    internal static string ClientOffer() =>
        LiveKitSdp.SubscriberOffer(new SubscriberOfferSpec("PA_client", "TR_mic", "TR_cam", SdpVideoCodec.Vp8, true, true),
            "wxyz9876", "abcdefabcdefabcdefabcdef", SdpFingerprint.Sha256(RandomNumberGenerator.GetBytes(32)), "127.0.0.1", 40000, 11, 22, "c").Sdp
            .Replace("a=sendonly", "a=sendrecv");

    private async Task<(LiveKitEmulator.NewSession Session, LiveKitTestClient Client, SignalResponse Join, SignalResponse Offer)> StartedAndJoinedAsync(string quality = "high", string encoding = "H264")
    {
        var session = await emu.NewSessionAsync(quality, encoding);
        await emu.StartAsync(session.Id);
        var client = await emu.JoinAsync(session);
        var join = await client.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("no join");
        var offer = await client.ReceiveAsync(Case.Offer);
        return (session, client, join, offer);
    }

    [Fact]
    public async Task E2_E3_v1_upgrade_is_refused_with_404_and_v1_validate_is_a_CORS_404_without_the_room_text()
    {
        var session = await emu.NewSessionAsync();
        var (ws, status) = await emu.TryConnectAsync($"/rtc/v1?access_token={session.Token}&join_request=abc");
        Assert.Null(ws);
        Assert.Equal(404, status);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"rtc/v1/validate?access_token={session.Token}&join_request=abc");
        request.Headers.Add("Origin", "http://localhost:9999");
        var response = await emu.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.DoesNotContain(Magic, await response.Content.ReadAsStringAsync());
        var steps = emu.Journal(null).Select(LiveKitEmulator.Step).ToList();
        Assert.Contains("v1_refused", steps);
        Assert.Contains("v1_validate", steps);
    }

    [Fact]
    public async Task E1_head_root_is_200()
    {
        var response = await emu.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task E4_E5_bad_signature_expired_and_wrong_room_are_refused_and_validate_says_why_with_CORS()
    {
        var session = await emu.NewSessionAsync();
        var tokens = emu.Services.GetRequiredService<LiveKitTokens>();
        var now = emu.Services.GetRequiredService<EmulatorClock>().GetUtcNow();
        var badSignature = session.Token[..^4] + (session.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var expired = tokens.Issue("client", session.Id, now.AddDays(-2));
        var wrongRoom = tokens.Issue("client", "no-such-session", now);
        foreach (var (token, expected) in new[] { (badSignature, 401), (expired, 401), (wrongRoom, 404), ("garbage", 401) })
        {
            var (ws, status) = await emu.TryConnectAsync(LiveKitEmulator.RtcQuery(token));
            Assert.Null(ws);
            Assert.Equal(expected, status);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"rtc/validate?access_token={token}");
            var response = await emu.Http.SendAsync(request);
            Assert.Equal(expected, (int)response.StatusCode);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            if (expected == 404) Assert.Equal(Magic, await response.Content.ReadAsStringAsync());
        }
        var ok = await emu.Http.GetAsync($"rtc/validate?access_token={session.Token}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("success", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task E4_a_native_client_sends_the_token_as_a_bearer_header_and_joins()
    {
        // LiveKit's Rust-core SDKs (Python, Node, Unity) put the room token in Authorization, not in the query.
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", "Bearer " + session.Token);
        await ws.ConnectAsync(emu.WsUri("/rtc?auto_subscribe=1&sdk=rust&version=0.7.0&protocol=15"), CancellationToken.None);
        using var client = new LiveKitTestClient(ws);
        var join = await client.ReceiveAsync(Case.Join);
        Assert.Equal(session.Id, join.Join.Room.Name);

        using var validate = new HttpRequestMessage(HttpMethod.Get, "rtc/validate?auto_subscribe=1&sdk=rust&protocol=15");
        validate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.Token);
        using var answer = await emu.Http.SendAsync(validate);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task S1_join_response_has_the_client_the_avatar_with_two_tracks_and_the_server_values()
    {
        var (session, client, first, _) = await StartedAndJoinedAsync("medium", "VP8");
        using var _c = client;
        Assert.Equal(Case.Join, first.MessageCase);
        var join = first.Join;
        Assert.True(join.SubscriberPrimary);
        Assert.False(join.FastPublish);
        Assert.False(string.IsNullOrEmpty(join.ServerInfo.Version));
        Assert.Equal(join.ServerInfo.Version, join.ServerVersion);
        Assert.Equal(16, join.ServerInfo.Protocol);
        Assert.Equal(5, join.PingInterval);
        Assert.Equal(15, join.PingTimeout);
        Assert.Empty(join.IceServers);
        Assert.StartsWith("RM_", join.Room.Sid);
        Assert.Equal(session.Id, join.Room.Name);
        Assert.Equal("client", join.Participant.Identity); // the token's sub
        Assert.StartsWith("PA_", join.Participant.Sid);
        Assert.Equal(ParticipantInfo.Types.State.Joined, join.Participant.State);
        Assert.True(join.Participant.Permission.CanPublish && join.Participant.Permission.CanSubscribe && join.Participant.Permission.CanPublishData);
        var avatar = Assert.Single(join.OtherParticipants);
        Assert.Equal("heygen", avatar.Identity);
        Assert.StartsWith("PA_", avatar.Sid);
        Assert.Equal(ParticipantInfo.Types.State.Active, avatar.State);
        Assert.True(avatar.IsPublisher);
        Assert.Equal(2, avatar.Tracks.Count);
        var audio = avatar.Tracks.Single(t => t.Type == TrackType.Audio);
        var video = avatar.Tracks.Single(t => t.Type == TrackType.Video);
        Assert.Equal(("audio/opus", TrackSource.Microphone), (audio.MimeType, audio.Source));
        Assert.Equal(("video/VP8", TrackSource.Camera, 854u, 480u, false), (video.MimeType, video.Source, video.Width, video.Height, video.Simulcast));
        Assert.StartsWith("TR_", audio.Sid);
        Assert.StartsWith("TR_", video.Sid);
    }

    [Fact]
    public async Task S2_offer_has_sendonly_audio_and_video_with_PA_TR_msid_matching_the_track_infos_and_a_data_section()
    {
        var (_, client, join, offer) = await StartedAndJoinedAsync();
        using var _c = client;
        Assert.Equal("offer", offer.Offer.Type);
        Assert.Equal(1u, offer.Offer.Id);
        var sdp = SdpParser.TryParse(offer.Offer.Sdp, out var error);
        Assert.True(sdp is not null, error);
        var avatar = join.Join.OtherParticipants.Single();
        var audio = Assert.Single(sdp!.Media, m => m.Kind == SdpMediaKind.Audio);
        var video = Assert.Single(sdp.Media, m => m.Kind == SdpMediaKind.Video);
        Assert.Single(sdp.Media, m => m.Kind == SdpMediaKind.Application);
        foreach (var (section, kind) in new[] { (audio, TrackType.Audio), (video, TrackType.Video) })
        {
            Assert.Equal("sendonly", section.Direction);
            var track = avatar.Tracks.Single(t => t.Type == kind).Sid;
            Assert.Contains($"msid:{avatar.Sid}|{track} {track}", section.Attributes);
            Assert.Equal(track, offer.Offer.MidToTrackId[section.Mid!]);
        }
        Assert.Contains(video.PayloadTypes, p => p.Codec == "H264" && p.Fmtp!.Contains("profile-level-id=42e01f") && p.Fmtp.Contains("packetization-mode=1"));
        Assert.Equal(sdp.Media.Select(m => m.Mid), sdp.BundleMids);
        Assert.All(sdp.Media, m => Assert.Equal(SdpSetup.ActPass, sdp.EffectiveSetup(m)));
        // Our candidate is trickled too, for the subscriber connection.
        var trickle = await client.ReceiveAsync(Case.Trickle);
        Assert.Equal(SignalTarget.Subscriber, trickle.Trickle.Target);
        Assert.StartsWith("candidate:", JsonNode.Parse(trickle.Trickle.CandidateInit)!["candidate"]!.GetValue<string>());
    }

    [Fact]
    public async Task S3_S4_answer_is_applied_and_candidates_before_it_are_queued_empty_ones_ignored()
    {
        var (session, client, _, offer) = await StartedAndJoinedAsync();
        using var _c = client;
        var candidate = new JsonObject { ["candidate"] = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0, ["usernameFragment"] = "abcd1234" };
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = "{\"candidate\":\"\",\"sdpMid\":\"0\"}", Target = SignalTarget.Subscriber } });
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Publisher } });
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = AnswerFor(offer.Offer.Sdp), Id = offer.Offer.Id } });
        await Poll.Until(() => emu.Journal(session.Id).Any(e => LiveKitEmulator.Step(e) == "answer"), "answer journaled");
        var answer = emu.Journal(session.Id).Single(e => LiveKitEmulator.Step(e) == "answer");
        Assert.Equal(101, answer.Status);
        Assert.Equal(1, answer.Request!["queued_candidates"]!.GetValue<int>());
        var room = emu.Services.GetRequiredService<LiveKitRooms>().Find(session.Id)!;
        var peer = Assert.IsType<SignallingOnlyPeer>(room.Connection!.Subscriber);
        Assert.Single(peer.RemoteCandidates);
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });
        await Poll.Until(() => peer.RemoteCandidates.Count == 2, "trickle after the answer applied");
    }

    [Fact]
    public async Task S3_an_answer_for_another_offer_id_is_refused_and_not_applied_and_id_0_counts_as_unset()
    {
        var (session, client, _, offer) = await StartedAndJoinedAsync();
        using var _c = client;
        var candidate = new JsonObject { ["candidate"] = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0 };
        await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });
        var answer = AnswerFor(offer.Offer.Sdp);
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = answer, Id = offer.Offer.Id + 5 } });
        await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 1 } });
        await client.ReceiveAsync(Case.PongResp);
        var refused = Assert.Single(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "answer");
        Assert.Equal(400, refused.Status);
        Assert.Equal($"answer id {offer.Offer.Id + 5} does not match offer id {offer.Offer.Id}", refused.Request!["error"]!.GetValue<string>());
        var peer = Assert.IsType<SignallingOnlyPeer>(emu.Services.GetRequiredService<LiveKitRooms>().Find(session.Id)!.Connection!.Subscriber);
        Assert.Empty(peer.RemoteCandidates);
        Assert.DoesNotContain(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "connected");

        // Clients on older protocol versions send no id: 0 is "not set" and matches the outstanding offer.
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = answer, Id = 0 } });
        await Poll.Until(() => emu.Journal(session.Id).Any(e => LiveKitEmulator.Step(e) == "answer" && e.Status == 101), "the id-0 answer applied");
        Assert.Single(peer.RemoteCandidates);
    }

    [Fact]
    public async Task S3_a_mismatched_answer_is_journaled_as_400_and_the_connection_stays()
    {
        var (session, client, _, offer) = await StartedAndJoinedAsync();
        using var _c = client;
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = "v=0\r\n", Id = offer.Offer.Id } });
        await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 7 } });
        Assert.Equal(7, (await client.ReceiveAsync(Case.PongResp)).PongResp.LastPingTimestamp);
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "answer" && e.Status == 400);
    }

    [Fact]
    public async Task S5_ping_req_gets_pong_resp_with_its_timestamp_and_ping_gets_pong()
    {
        var (_, client, _, _) = await StartedAndJoinedAsync();
        using var _c = client;
        await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 1234567, Rtt = 3 } });
        var pongResp = await client.ReceiveAsync(Case.PongResp);
        Assert.Equal(1234567, pongResp.PongResp.LastPingTimestamp);
        Assert.True(pongResp.PongResp.Timestamp > 1_600_000_000_000);
        await client.SendAsync(new SignalRequest { Ping = 42 });
        var pong = await client.ReceiveAsync(Case.Pong);
        Assert.True(pong.Pong > 1_600_000_000_000);
    }

    [Fact]
    public async Task S6_ignored_requests_keep_the_connection()
    {
        var (session, client, _, offer) = await StartedAndJoinedAsync();
        using var _c = client;
        var videoSid = offer.Offer.MidToTrackId.Values.Single(v => v != offer.Offer.MidToTrackId.Values.First());
        await client.SendAsync(new SignalRequest { SubscriptionPermission = Google.Protobuf.ByteString.CopyFrom(8, 1) });
        await client.SendAsync(new SignalRequest { TrackSetting = new UpdateTrackSettings { TrackSids = { videoSid }, Disabled = true } });
        await client.SendAsync(new SignalRequest { Ping = 1 });
        Assert.Equal(Case.Pong, (await client.ReceiveAsync(Case.Pong)).MessageCase);
        var setting = emu.Journal(session.Id).Single(e => LiveKitEmulator.Step(e) == "track_setting").Request!;
        Assert.True(setting["disabled"]!.GetValue<bool>());
        Assert.False(setting["honoured"]!.GetValue<bool>());
        Assert.Equal(videoSid, setting["track_sids"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task S8_client_before_avatar_gets_update_then_the_offer()
    {
        var session = await emu.NewSessionAsync();
        using var client = await emu.JoinAsync(session);
        var join = await client.ReceiveAsync(Case.Join);
        Assert.Empty(join.Join.OtherParticipants);
        await emu.StartAsync(session.Id);
        var first = await client.ReceiveAsync();
        Assert.Equal(Case.Update, first!.MessageCase);
        var avatar = Assert.Single(first.Update.Participants);
        Assert.Equal("heygen", avatar.Identity);
        Assert.Equal(2, avatar.Tracks.Count);
        Assert.True(avatar.Version > 1);
        var offer = await client.ReceiveAsync();
        Assert.Equal(Case.Offer, offer!.MessageCase);
        Assert.Contains($"a=msid:{avatar.Sid}|", offer.Offer.Sdp);
        var steps = emu.Journal(session.Id).Select(LiveKitEmulator.Step).ToList();
        Assert.True(steps.IndexOf("update") >= 0 && steps.IndexOf("update") < steps.IndexOf("offer"), string.Join(",", steps));
    }

    [Fact]
    public async Task S9_stop_sends_leave_room_deleted_disconnect_then_closes()
    {
        var (session, client, _, _) = await StartedAndJoinedAsync();
        using var _c = client;
        await emu.StopAsync(session.Id);
        var leave = await client.ReceiveAsync(Case.Leave);
        Assert.Equal(DisconnectReason.RoomDeleted, leave.Leave.Reason);
        Assert.Equal(LeaveRequest.Types.Action.Disconnect, leave.Leave.Action);
        Assert.False(leave.Leave.CanReconnect);
        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        var entry = emu.Journal(session.Id).Single(e => LiveKitEmulator.Step(e) == "leave");
        Assert.Equal(5, entry.Request!["reason_code"]!.GetValue<int>());
        Assert.Equal("stop", entry.Request!["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task S9_idle_timeout_on_the_emulator_clock_sends_leave()
    {
        var session = await emu.NewSessionAsync(idleTimeout: 30);
        await emu.StartAsync(session.Id);
        using var client = await emu.JoinAsync(session);
        await client.ReceiveAsync(Case.Offer);
        await emu.AdvanceClockAsync(31);
        var leave = await client.ReceiveAsync(Case.Leave);
        Assert.Equal(DisconnectReason.RoomDeleted, leave.Leave.Reason);
        Assert.Null(await client.ReceiveAsync());
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "leave" && e.Request!["cause"]!.GetValue<string>() == "idle_timeout");
    }

    [Fact]
    public async Task S10_after_the_end_resume_and_join_are_refused_and_validate_says_404()
    {
        var (session, client, join, _) = await StartedAndJoinedAsync();
        using var _c = client;
        await emu.StopAsync(session.Id);
        await client.ReceiveAsync(Case.Leave);
        var (ws, status) = await emu.TryConnectAsync(LiveKitEmulator.RtcQuery(session.Token, $"&reconnect=1&sid={join.Join.Participant.Sid}"));
        Assert.Null(ws);
        Assert.Equal(404, status);
        (ws, status) = await emu.TryConnectAsync(LiveKitEmulator.RtcQuery(session.Token));
        Assert.Null(ws);
        Assert.Equal(404, status);
        var validate = await emu.Http.GetAsync($"rtc/validate?access_token={session.Token}&reconnect=1");
        Assert.Equal(HttpStatusCode.NotFound, validate.StatusCode);
        Assert.Equal("*", validate.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task E6_resume_of_a_live_session_is_refused_with_401_and_a_fresh_join_replaces_the_old_connection()
    {
        var (session, first, join, _) = await StartedAndJoinedAsync();
        using var _f = first;
        var (ws, status) = await emu.TryConnectAsync(LiveKitEmulator.RtcQuery(session.Token, $"&reconnect=1&sid={join.Join.Participant.Sid}"));
        Assert.Null(ws);
        Assert.Equal(401, status);
        using var second = await emu.JoinAsync(session);
        Assert.Equal(Case.Join, (await second.ReceiveAsync())!.MessageCase);
        var leave = await first.ReceiveAsync(Case.Leave);
        Assert.Equal(DisconnectReason.DuplicateIdentity, leave.Leave.Reason);
    }

    /// <summary>S10's admin hook: the socket dies with no leave and no close frame; with end_session the session ends first, so the resume finds it gone.</summary>
    [Fact]
    public async Task S10_admin_drop_signal_cuts_the_socket_without_leave_and_end_session_refuses_the_resume()
    {
        var (session, client, join, _) = await StartedAndJoinedAsync();
        using var _c = client;
        var answer = await emu.PostAsync($"_emulator/sessions/{session.Id}/drop_signal?end_session=true", new JsonObject());
        Assert.True(answer["dropped"]!.GetValue<bool>());
        Assert.True(answer["session_ended"]!.GetValue<bool>());
        Assert.Equal(join.Join.Participant.Sid, answer["participant_sid"]!.GetValue<string>());

        // Whatever was in flight (trickle) may still arrive, but never a leave, and the socket ends abnormally.
        var abnormal = false;
        try
        {
            while (await client.ReceiveAsync() is { } message) Assert.NotEqual(Case.Leave, message.MessageCase);
        }
        catch (WebSocketException) { abnormal = true; }
        Assert.True(abnormal || client.Socket.CloseStatus is null, $"closed with {client.Socket.CloseStatus}");

        var (ws, status) = await emu.TryConnectAsync(LiveKitEmulator.RtcQuery(session.Token, $"&reconnect=1&sid={join.Join.Participant.Sid}"));
        Assert.Null(ws);
        Assert.Equal(404, status);
        var steps = emu.Journal(session.Id).Select(LiveKitEmulator.Step).ToList();
        Assert.Contains("dropped", steps);
        Assert.DoesNotContain(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "leave" && e.Request!["from"]!.GetValue<string>() == "server");
        await Poll.Until(() => emu.Journal(session.Id).Any(e => LiveKitEmulator.Step(e) == "closed"), "the connection's closed entry");
        Assert.Contains("dropped by admin", emu.Journal(session.Id).Last(e => LiveKitEmulator.Step(e) == "closed").Request!["cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_drop_signal_of_an_unknown_session_is_404()
    {
        var response = await emu.Http.PostAsync("_emulator/sessions/nope/drop_signal", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task S11_add_track_gets_track_published_and_a_publisher_offer_is_answered_with_its_id()
    {
        var (session, client, _, _) = await StartedAndJoinedAsync();
        using var _c = client;
        await client.SendAsync(new SignalRequest { AddTrack = new AddTrackRequest { Cid = "mic-cid", Type = TrackType.Audio, Source = TrackSource.Microphone, Name = "microphone" } });
        var published = await client.ReceiveAsync(Case.TrackPublished);
        Assert.Equal("mic-cid", published.TrackPublished.Cid);
        Assert.StartsWith("TR_", published.TrackPublished.Track.Sid);
        Assert.Equal(TrackType.Audio, published.TrackPublished.Track.Type);
        Assert.Equal(TrackSource.Microphone, published.TrackPublished.Track.Source);

        // A publisher offer as the client makes it (its own data channels + the microphone): we must answer it.
        var clientOffer = ClientOffer();
        await client.SendAsync(new SignalRequest { Offer = new SessionDescription { Type = "offer", Sdp = clientOffer, Id = 3 } });
        var answer = await client.ReceiveAsync(Case.Answer);
        Assert.Equal(3u, answer.Answer.Id);
        Assert.Equal("answer", answer.Answer.Type);
        var errors = SdpAnswerValidator.Validate(SdpParser.TryParse(clientOffer, out _)!, SdpParser.TryParse(answer.Answer.Sdp.Replace("a=setup:passive", "a=setup:active"), out _)!);
        Assert.Empty(errors);
        Assert.Contains("a=setup:passive", answer.Answer.Sdp);
        Assert.Contains("m=application", answer.Answer.Sdp);
        var trickle = await client.ReceiveAsync(Case.Trickle);
        while (trickle.Trickle.Target != SignalTarget.Publisher) trickle = await client.ReceiveAsync(Case.Trickle);
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "publisher_answer");
    }

    [Fact]
    public async Task Client_leave_is_journaled_and_the_socket_closes()
    {
        var (session, client, _, _) = await StartedAndJoinedAsync();
        using var _c = client;
        await client.SendAsync(new SignalRequest { Leave = new LeaveRequest { Reason = DisconnectReason.ClientInitiated } });
        while (await client.ReceiveAsync() is { } m) Assert.NotEqual(Case.Leave, m.MessageCase);
        await Poll.Until(() => emu.Journal(session.Id).Any(e => LiveKitEmulator.Step(e) == "closed"), "closed journaled");
        Assert.Contains(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "leave" && e.Request!["from"]!.GetValue<string>() == "client");
    }
}

public sealed class MsidOffTests(MsidOffEmulator emu) : IClassFixture<MsidOffEmulator>
{
    [Fact]
    public async Task S2_negative_with_msid_off_the_offer_has_no_msid_so_the_browser_cannot_map_the_tracks()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var client = await emu.JoinAsync(session);
        var offer = await client.ReceiveAsync(Case.Offer);
        Assert.DoesNotContain("a=msid:", offer.Offer.Sdp);
        Assert.DoesNotContain(" msid:", offer.Offer.Sdp);
        Assert.Contains("m=video", offer.Offer.Sdp);
    }
}
