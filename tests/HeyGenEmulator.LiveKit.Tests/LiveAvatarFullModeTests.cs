using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HeyGen.Client.LiveAvatar;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.WebRtc.Sdp;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

using static LiveAvatarRoom;

/// <summary>
/// LiveAvatar FULL mode at the LiveKit level (liveavatar-wire.md §4, §8): a client that joins with
/// <c>livekit_client_token</c>, connects both peer connections for real (ICE, DTLS, SCTP, SRTP over loopback UDP),
/// publishes commands on <c>agent-control</c> as livekit-client does and reads the agent's <c>agent-response</c>
/// events from the data channel the engine opened. Timer-driven speech advances on the emulator clock.
/// </summary>
public sealed class LiveAvatarFullModeTests(MediaLiveKitEmulator emu) : IClassFixture<MediaLiveKitEmulator>
{
    private static readonly TimeSpan SpeechTimeout = TimeSpan.FromSeconds(40); // espeak-ng and ffmpeg on a loaded machine

    private static List<string> Types(IEnumerable<JsonObject> events) => events.Select(Type).ToList();

    /// <summary>Each event: the envelope D-FULL gives, with its own id and the session's.</summary>
    private static void AssertEnvelopes(LiveAvatarRoom room, List<JsonObject> events)
    {
        Assert.All(events, e =>
        {
            Assert.Equal(room.SessionId, e["session_id"]!.GetValue<string>());
            Assert.True(Guid.TryParse(e["event_id"]!.GetValue<string>(), out _));
        });
        Assert.Equal(events.Count, events.Select(e => e["event_id"]!.GetValue<string>()).Distinct().Count());
    }

    /// <summary>A speak_text's whole sequence, the word events released by the clock once speech has started.</summary>
    private async Task<List<JsonObject>> SpeakAsync(LiveAvatarRoom room, string text)
    {
        var id = room.Command("avatar.speak_text", text);
        await room.WaitForAsync("avatar.speak_started", id, SpeechTimeout);
        await emu.AdvanceClockAsync(60);
        await room.WaitForAsync("avatar.speak_ended", id);
        return room.For(id);
    }

    [Fact]
    public async Task Join_lists_heygen_with_audio_and_video_and_the_agent_and_the_media_connects()
    {
        using var room = await OpenAsync(emu);
        var others = room.Join.OtherParticipants.ToDictionary(p => p.Identity);
        Assert.Equal(["heygen", "liveavatar-agent-" + room.SessionId], others.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([TrackType.Audio, TrackType.Video], others["heygen"].Tracks.Select(t => t.Type).Order());
        Assert.Equal(room.SessionId, room.Join.Room.Name);

        // The avatar's audio and video arrive as SRTP on the subscriber connection; the engine opened its channels.
        await Poll.Until(() => room.Subscriber.RtpPackets(room.Subscriber.PayloadType(SdpMediaKind.Audio)) > 10
            && room.Subscriber.RtpPackets(room.Subscriber.PayloadType(SdpMediaKind.Video)) > 10, "audio and video RTP", TimeSpan.FromSeconds(20));
        Assert.Contains(room.Subscriber.Channels!.Channels, c => c.Label == "_reliable");
    }

    [Fact]
    public async Task Speak_text_gives_transcription_speak_started_a_chunk_per_word_and_speak_ended_for_its_event_id()
    {
        using var room = await OpenAsync(emu);
        var events = await SpeakAsync(room, "hello there friend");

        Assert.Equal(["avatar.transcription", "avatar.speak_started", "avatar.transcription.chunk", "avatar.transcription.chunk",
            "avatar.transcription.chunk", "avatar.speak_ended"], Types(events));
        Assert.Equal("hello there friend", Text(events[0]));
        // Chunks are incremental: appended, they are the text.
        Assert.Equal("hello there friend", string.Concat(events.Where(e => Type(e) == "avatar.transcription.chunk").Select(Text)));
        AssertEnvelopes(room, events);
        // Everything the agent sent came from the one command.
        Assert.All(room.Events, e => Assert.Equal(Source(events[0]), Source(e)));
    }

    [Fact]
    public async Task Speak_response_answers_you_said_and_a_contexts_opening_text_leads_the_reply()
    {
        using (var room = await OpenAsync(emu))
        {
            var id = room.Command("avatar.speak_response", "what is new");
            Assert.Equal("You said: what is new", Text(await room.WaitForAsync("avatar.transcription", id, SpeechTimeout)));
        }

        using var api = new LiveAvatarClient(emu.BaseUrl, HeyGenEmulator.Configuration.LiveAvatarOptions.DefaultKey);
        var created = await api.SendAsync(HttpMethod.Post, "v1/contexts",
            new JsonObject { ["name"] = "greeter", ["prompt"] = "be kind", ["opening_text"] = "Welcome to the shop." }.ToJsonString());
        Assert.True(created.IsSuccess, created.Body);
        var contextId = created.Data!["id"]!.GetValue<string>();
        using var withContext = await OpenAsync(emu, FullBody(new JsonObject { ["context_id"] = contextId }));
        var asked = withContext.Command("avatar.speak_response", "hello");
        var reply = Text(await withContext.WaitForAsync("avatar.transcription", asked, SpeechTimeout))!;
        Assert.StartsWith("Welcome to the shop.", reply, StringComparison.Ordinal);
        Assert.EndsWith("You said: hello", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupt_during_a_long_speak_text_ends_it_promptly_and_no_chunk_follows()
    {
        using var room = await OpenAsync(emu);
        var id = room.Command("avatar.speak_text", string.Join(' ', Enumerable.Repeat("a long sentence for the avatar to say", 12)));
        await room.WaitForAsync("avatar.speak_started", id, SpeechTimeout);
        room.Send("""{"event_type":"avatar.interrupt"}"""); // the SDK sends no event_id here

        await room.WaitForAsync("avatar.speak_ended", id, TimeSpan.FromSeconds(5)); // no clock advance: the interrupt ends it
        var chunks = room.For(id).Count(e => Type(e) == "avatar.transcription.chunk");
        Assert.True(chunks < 84, $"{chunks} chunks");
        await emu.AdvanceClockAsync(120);
        await Task.Delay(300); // what a still-running sequence would send now has time to arrive
        var after = room.For(id);
        Assert.Equal("avatar.speak_ended", Type(after[^1]));
        Assert.Equal(chunks, after.Count(e => Type(e) == "avatar.transcription.chunk"));
        Assert.Single(after, e => Type(e) == "avatar.speak_ended");
    }

    /// <summary>Opus of a tone then silence, sent as the microphone's RTP (the VAD reads the audio's own timeline).</summary>
    private static void Speak(PublisherDataClient publisher, double toneSeconds, double silenceSeconds)
    {
        var pcm = new byte[(int)((toneSeconds + silenceSeconds) * PcmOpusEncoder.SampleRate) * 2];
        for (int i = 0; i < toneSeconds * PcmOpusEncoder.SampleRate; i++)
        {
            var v = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / PcmOpusEncoder.SampleRate));
            pcm[2 * i] = (byte)v;
            pcm[2 * i + 1] = (byte)(v >> 8);
        }
        var encoder = new PcmOpusEncoder();
        encoder.Encode(pcm, publisher.SendOpus);
        encoder.Flush(publisher.SendOpus);
    }

    private async Task QueueTranscriptAsync(string sessionId, string text)
    {
        var response = await emu.Http.PostAsync($"_emulator/sessions/{sessionId}/transcripts", new StringContent(new JsonObject { ["text"] = text }.ToJsonString()));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_microphone_gives_user_speak_events_cumulative_chunks_the_transcription_then_the_avatars_reply()
    {
        using var room = await OpenAsync(emu);
        await QueueTranscriptAsync(room.SessionId, "tell me a story");
        Speak(room.Publisher, 0.6, 1.5);

        var final = await room.WaitForAsync("user.transcription", timeout: TimeSpan.FromSeconds(15));
        Assert.Equal("tell me a story", Text(final));
        var user = room.Events.Where(e => Type(e).StartsWith("user.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["user.speak_started", "user.transcription.chunk", "user.transcription.chunk", "user.transcription.chunk",
            "user.transcription.chunk", "user.speak_ended", "user.transcription"], Types(user));
        Assert.Equal(["tell", "tell me", "tell me a", "tell me a story"], user.Where(e => Type(e) == "user.transcription.chunk").Select(Text));
        AssertEnvelopes(room, user);

        // The avatar answers the turn: its whole sequence follows the user's.
        var reply = await room.WaitForAsync("avatar.transcription", timeout: SpeechTimeout);
        Assert.Equal("You said: tell me a story", Text(reply));
        await room.WaitForAsync("avatar.speak_started", timeout: SpeechTimeout);
        await emu.AdvanceClockAsync(60);
        await room.WaitForAsync("avatar.speak_ended");
        var all = Types(room.Events);
        Assert.True(all.IndexOf("user.transcription") < all.IndexOf("avatar.transcription"), string.Join(", ", all));
    }

    [Fact]
    public async Task Push_to_talk_starts_and_stops_in_push_to_talk_mode_and_fails_in_conversational_mode()
    {
        using (var ptt = await OpenAsync(emu, FullBody(extra: new JsonObject { ["interactivity_type"] = "PUSH_TO_TALK" })))
        {
            ptt.Send("""{"event_type":"user.start_push_to_talk"}""");
            await ptt.WaitForAsync("user.push_to_talk_started");
            ptt.Send("""{"event_type":"user.stop_push_to_talk"}""");
            await ptt.WaitForAsync("user.push_to_talk_stopped");
            Assert.DoesNotContain(ptt.Events, e => Type(e).EndsWith("_failed", StringComparison.Ordinal));
        }

        using var conversational = await OpenAsync(emu);
        conversational.Send("""{"event_type":"user.start_push_to_talk"}""");
        await conversational.WaitForAsync("user.push_to_talk_start_failed");
        Assert.DoesNotContain(conversational.Events, e => Type(e) == "user.push_to_talk_started");
    }

    [Fact]
    public async Task Max_session_duration_on_the_clock_sends_session_stopped_then_leave_and_a_client_stop_is_USER_CLOSED()
    {
        using (var room = await OpenAsync(emu, FullBody(extra: new JsonObject { ["max_session_duration"] = 60 })))
        {
            Assert.Equal(60, room.Started.MaxSessionDuration);
            await emu.AdvanceClockAsync(61);
            var stopped = await room.WaitForAsync("session.stopped");
            Assert.Equal("MAX_DURATION_REACHED", stopped["stop_reason"]!.GetValue<string>());
            Assert.Equal("MAX_DURATION_REACHED", stopped["end_reason"]!.GetValue<string>());
            Assert.Equal(DisconnectReason.RoomDeleted, (await room.Signal.ReceiveAsync(Case.Leave)).Leave.Reason);
            Assert.Equal("MAX_DURATION_REACHED", (await room.Api.GetSessionAsync(room.SessionId)).EndReason);
        }

        string closedId;
        using (var room = await OpenAsync(emu))
        {
            closedId = room.SessionId;
            await room.Api.StopAsync();
            await room.Signal.ReceiveAsync(Case.Leave);
        }
        using var api = new LiveAvatarClient(emu.BaseUrl, HeyGenEmulator.Configuration.LiveAvatarOptions.DefaultKey);
        var historic = await api.ListSessionsAsync("historic", pageSize: 100);
        Assert.Equal("USER_CLOSED", historic.Results.Single(s => s.Id == closedId).EndReason);
    }

    [Fact]
    public async Task A_HeyGen_v2_session_and_a_LiveAvatar_session_side_by_side_each_get_only_their_own_events()
    {
        // HeyGen's v2 client: its own real subscriber connection, events as user data without a topic.
        var heyGen = await emu.NewSessionAsync();
        await emu.StartAsync(heyGen.Id);
        using var heyGenSignal = await emu.JoinAsync(heyGen);
        using var heyGenPeer = new SubscriberDataClient();
        var offer = (await heyGenSignal.ReceiveAsync(Case.Offer)).Offer;
        await heyGenSignal.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = heyGenPeer.Answer(offer.Sdp), Id = offer.Id } });
        await heyGenPeer.ConnectAsync(TimeSpan.FromSeconds(15));

        using var room = await OpenAsync(emu);
        var taskId = await emu.TaskAsync(heyGen.Id, "hello from heygen");
        var id = room.Command("avatar.speak_text", "hello from liveavatar");
        await room.WaitForAsync("avatar.speak_started", id, SpeechTimeout);
        await Poll.Until(() => heyGenPeer.Packets.Any(p => p.User?.Payload.ToStringUtf8().Contains("avatar_start_talking", StringComparison.Ordinal) == true),
            "avatar_start_talking", SpeechTimeout);
        await emu.AdvanceClockAsync(60);
        await room.WaitForAsync("avatar.speak_ended", id);
        await Poll.Until(() => heyGenPeer.Packets.Any(p => p.User?.Payload.ToStringUtf8().Contains("avatar_stop_talking", StringComparison.Ordinal) == true), "avatar_stop_talking");

        var heyGenEvents = heyGenPeer.Packets.Where(p => p.User is not null).ToList();
        Assert.All(heyGenEvents, p =>
        {
            Assert.False(p.User.HasTopic && p.User.Topic.Length > 0, "HeyGen's events carry no topic");
            var json = JsonNode.Parse(p.User.Payload.ToStringUtf8())!;
            Assert.Equal(taskId, json["task_id"]!.GetValue<string>());
            Assert.Null(json["event_type"]);
        });
        Assert.All(room.Subscriber.Packets.Where(p => p.User is not null), p => Assert.Equal("agent-response", p.User.Topic));
        Assert.All(room.Events, e => Assert.Equal(id, Source(e)));

        // LiveAvatar's session id or session token on HeyGen's task call: 401 400112.
        var byKey = await emu.Http.PostAsync("v1/streaming.task", new StringContent(
            new JsonObject { ["session_id"] = room.SessionId, ["text"] = "hi" }.ToJsonString(), new MediaTypeHeaderValue("application/json")));
        Assert.Equal((HttpStatusCode.Unauthorized, """{"code":400112,"message":"Unauthorized"}"""), (byKey.StatusCode, await byKey.Content.ReadAsStringAsync()));
        using var bearer = new HttpClient { BaseAddress = emu.BaseUrl };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", room.Api.SessionToken);
        var byToken = await bearer.PostAsync("v1/streaming.task", new StringContent(
            new JsonObject { ["session_id"] = room.SessionId, ["text"] = "hi" }.ToJsonString(), new MediaTypeHeaderValue("application/json")));
        Assert.Equal((HttpStatusCode.Unauthorized, """{"code":400112,"message":"Unauthorized"}"""), (byToken.StatusCode, await byToken.Content.ReadAsStringAsync()));
        await emu.StopAsync(heyGen.Id);
    }

    [Fact]
    public async Task Garbage_on_agent_control_is_journaled_and_the_session_still_speaks_the_next_command()
    {
        using var room = await OpenAsync(emu);
        room.Send("not json at all {");
        room.Send("""{"event_id":"x","event_type":"avatar.dance"}""");
        var huge = room.Command("avatar.speak_text", new string('a', 5001));
        room.Send("[1,2,3]");
        room.Send("""{"event_type":"avatar.speak_text","text":"ignored"}""", topic: "some-other-topic");

        var events = await SpeakAsync(room, "still here");
        Assert.Equal("still here", Text(events[0]));
        Assert.Empty(room.For(huge));
        var refused = emu.Journal(room.SessionId, LiveKitJournal.LiveAvatarKind)
            .Where(e => LiveKitEmulator.Step(e) is "command_refused" or "ignored").Select(e => e.Request!["reason"]!.GetValue<string>()).ToList();
        Assert.Equal(5, refused.Count);
        Assert.Contains(refused, r => r.StartsWith("not a JSON object", StringComparison.Ordinal));
        Assert.Contains("unknown event_type 'avatar.dance'", refused);
        Assert.Contains(refused, r => r.Contains("5000", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Contains("some-other-topic", StringComparison.Ordinal));
        Assert.Contains(emu.Journal(room.SessionId, LiveKitJournal.LiveAvatarKind), e => LiveKitEmulator.Step(e) == "command");
    }
}
