using System.Net.WebSockets;
using System.Text.Json.Nodes;
using HeyGenEmulator.LiveKit.Protocol;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using SessionDescription = HeyGenEmulator.LiveKit.Protocol.SessionDescription;
using Case = HeyGenEmulator.LiveKit.Protocol.SignalResponse.MessageOneofCase;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>Runs alone: the heap is measured, and nothing else may allocate meanwhile.</summary>
[CollectionDefinition(nameof(HeapCollection), DisableParallelization = true)]
public sealed class HeapCollection;

/// <summary>What a session holds (room, speech, event lane, chat sockets, token) is released when it ends and on reset.</summary>
[Collection(nameof(HeapCollection))]
public sealed class RoomLifetimeTests(LiveKitEmulator emu, ITestOutputHelper output) : IClassFixture<LiveKitEmulator>
{
    private async Task SessionWithATaskAsync()
    {
        await emu.PostAsync("v1/streaming.create_token", new JsonObject());
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        await emu.TaskAsync(session.Id, "Hello there, this is a task that is still being spoken when the session stops.");
        await emu.StopAsync(session.Id);
    }

    private async Task RunAsync(int sessions, int parallel)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < sessions) await SessionWithATaskAsync();
        }));
    }

    private static long SettledHeap()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task A_thousand_stopped_v2_sessions_with_tasks_then_reset_leave_no_rooms_and_the_heap_where_it_was()
    {
        var rooms = emu.Services.GetRequiredService<LiveKitRooms>();
        await RunAsync(40, 8);
        await emu.PostAsync("_emulator/reset", new JsonObject());
        var baseline = SettledHeap();

        await RunAsync(1_000, 8);
        Assert.Equal(0, rooms.Count); // a stopped session's room goes at once
        await emu.PostAsync("_emulator/reset", new JsonObject());

        Assert.Equal(0, rooms.Count);
        Assert.Equal(0, emu.Services.GetRequiredService<ChatSockets>().SessionCount);
        Assert.Equal(0, emu.Services.GetRequiredService<TokenStore>().Count);
        var grown = SettledHeap() - baseline;
        output.WriteLine($"managed heap: baseline {baseline / 1024} KB, after {grown / 1024:+#;-#;0} KB");
        Assert.True(grown < 5 * 1024 * 1024, $"managed heap grew {grown / 1024} KB over 1,000 sessions and a reset");
    }
}

/// <summary>Own emulator: the clock moves a day.</summary>
public sealed class TokenExpiryTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    [Fact]
    public async Task Twenty_thousand_unused_tokens_are_gone_25_hours_later()
    {
        var tokens = emu.Services.GetRequiredService<TokenStore>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < 20_000) await emu.PostAsync("v1/streaming.create_token", new JsonObject());
        }));
        Assert.InRange(tokens.Count, 20_000, 20_010);

        await emu.AdvanceClockAsync(TimeSpan.FromHours(25).TotalSeconds);

        Assert.InRange(tokens.Count, 0, 10);
    }
}

/// <summary>Caps with clear refusals: held candidates per peer connection, chat sockets per session.</summary>
public sealed class CapTests(LiveKitEmulator emu) : IClassFixture<LiveKitEmulator>
{
    [Fact]
    public async Task The_65th_candidate_trickled_before_the_answer_is_refused_and_64_are_applied()
    {
        var session = await emu.NewSessionAsync();
        await emu.StartAsync(session.Id);
        using var client = await emu.JoinAsync(session);
        var offer = await client.ReceiveAsync(Case.Offer);
        for (int i = 0; i < PendingCandidates.MaxHeld + 1; i++)
        {
            var candidate = new JsonObject { ["candidate"] = $"candidate:{i} 1 udp 2122260223 127.0.0.1 {50000 + i} typ host", ["sdpMid"] = "0", ["sdpMLineIndex"] = 0 };
            await client.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = candidate.ToJsonString(), Target = SignalTarget.Subscriber } });
        }
        await client.SendAsync(new SignalRequest { Answer = new SessionDescription { Type = "answer", Sdp = SignallingTests.AnswerFor(offer.Offer.Sdp), Id = offer.Offer.Id } });
        await Poll.Until(() => emu.Journal(session.Id).Any(e => LiveKitEmulator.Step(e) == "answer"), "answer journaled");

        var refused = Assert.Single(emu.Journal(session.Id), e => LiveKitEmulator.Step(e) == "trickle");
        Assert.Equal(429, refused.Status);
        Assert.Equal("more than 64 candidates before the answer", refused.Request!["error"]!.GetValue<string>());
        var answer = emu.Journal(session.Id).Single(e => LiveKitEmulator.Step(e) == "answer");
        Assert.Equal(64, answer.Request!["queued_candidates"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_9th_chat_socket_of_a_session_is_refused_with_429_and_stopping_releases_them()
    {
        var session = await emu.NewSessionAsync();
        var url = $"/v1/ws/streaming.chat?session_id={session.Id}&session_token={LiveKitEmulator.Key}";
        var open = new List<ClientWebSocket>();
        try
        {
            for (int i = 0; i < ChatSockets.MaxPerSession; i++)
            {
                var (ws, status) = await emu.TryConnectAsync(url);
                Assert.True(ws is not null, $"chat socket {i + 1} refused with {status}");
                open.Add(ws!);
            }
            var chats = emu.Services.GetRequiredService<ChatSockets>();
            await Poll.Until(() => chats.Count(session.Id) == ChatSockets.MaxPerSession, "8 sockets registered");

            var (ninth, refusal) = await emu.TryConnectAsync(url);
            Assert.Null(ninth);
            Assert.Equal(429, refusal);
            var journaled = emu.Journal(session.Id, LiveKitJournal.ChatKind).Last(e => LiveKitEmulator.Step(e) == "refused");
            Assert.Equal(ChatSockets.FullReason, journaled.Request!["reason"]!.GetValue<string>());

            await emu.StopAsync(session.Id);
            Assert.Equal(0, chats.Count(session.Id));
        }
        finally
        {
            foreach (var ws in open) ws.Dispose();
        }
    }
}
