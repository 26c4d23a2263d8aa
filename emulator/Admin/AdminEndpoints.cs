using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Clock;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Errors;
using HeyGenEmulator.Faults;
using HeyGenEmulator.Http;
using HeyGenEmulator.Journal;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using HeyGenEmulator.Streaming;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Admin;

/// <summary>The emulator-only surface under <c>/_emulator</c>: health, reset, clock, faults, journal, sessions.</summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.WithTags("Emulator admin");

        admin.MapGet("/health", (IServiceProvider services) =>
            {
                // No media, nothing to prepare.
                var clips = services.GetService<ClipPreparation>()?.Status ?? new PreparationStatus(false, 100, null, null);
                return Results.Json(new
                {
                    status = "ok",
                    version = ApiPipeline.Version,
                    preparing = clips.Preparing,
                    percent = clips.Percent,
                    clip = clips.Clip,
                    seconds_left = clips.SecondsLeft,
                }, Envelope.Json);
            })
            .WithName("Health").WithSummary("Liveness, version, and the avatar clips' preparation (preparing, percent, clip, seconds_left) for scripts to wait on.");

        admin.MapPost("/reset", (SessionManager sessions, TokenStore tokens, KnowledgeBaseStore knowledgeBases, LiveAvatarContexts contexts, FaultStore faults, RequestJournal journal, EmulatorClock clock) =>
            {
                sessions.Reset();
                tokens.Clear();
                knowledgeBases.Clear();
                contexts.Clear();
                faults.Clear();
                journal.Clear();
                clock.Reset();
                return Results.Json(new { status = "reset" }, Envelope.Json);
            })
            .WithName("Reset").WithSummary("Clear sessions, tokens, knowledge bases, LiveAvatar contexts, faults and journal; the clock returns to real time.");

        admin.MapGet("/clock", (EmulatorClock clock) => Results.Json(ClockView(clock), Envelope.Json))
            .WithName("GetClock").WithSummary("The emulator's current time and its offset from real time.");

        admin.MapPost("/clock/advance", async (HttpContext context, EmulatorClock clock, SessionManager sessions, IOptions<EmulatorOptions> options) =>
            {
                var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
                var seconds = body.Number("seconds", 0, 10 * 365 * 24 * 3600.0) ?? throw HeyGenErrors.MissingParameter("seconds").ToException();
                var before = sessions.All.Where(s => s.IsOpen).Select(s => s.Id).ToHashSet();
                clock.Advance(TimeSpan.FromSeconds(seconds));
                var closed = sessions.All.Where(s => before.Contains(s.Id) && !s.IsOpen)
                    .Select(s => new { session_id = s.Id, reason = s.CloseReason }).ToList();
                return Results.Json(new { now = clock.GetUtcNow(), offset_seconds = clock.Offset.TotalSeconds, closed_sessions = closed }, Envelope.Json);
            })
            .WithName("AdvanceClock").WithSummary("Move the emulator's clock forward by {\"seconds\": N}; due timeouts fire at once.");

        admin.MapPost("/faults", async (HttpContext context, FaultStore faults, IOptions<EmulatorOptions> options) =>
            {
                var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
                var spec = new FaultSpec(
                    body.String("endpoint"), body.Int("status", 100, 599), body.Int("code"), body.String("message"),
                    body.Int("times", 0), body.Int("delay_ms", 0, 600_000), body.Number("probability", 0, 1), body.Int("seed"));
                if (spec.Status is null && spec.DelayMs is null or 0)
                    throw HeyGenErrors.MissingParameter("status or delay_ms").ToException();
                return Results.Json(faults.Add(spec), Envelope.Json, statusCode: 201);
            })
            .AcceptsJson<FaultSpec>()
            .WithName("AddFault").WithSummary("Make the next matching calls fail (status/code/message) or wait (delay_ms).");

        admin.MapGet("/faults", (FaultStore faults) => Results.Json(faults.List(), Envelope.Json)).WithName("ListFaults");
        admin.MapDelete("/faults", (FaultStore faults) =>
        {
            faults.Clear();
            return Results.Json(new { status = "cleared" }, Envelope.Json);
        }).WithName("ClearFaults");

        admin.MapGet("/journal", (RequestJournal journal, string? session_id, long? since, int? limit) =>
                Results.Json(since is null && limit is null ? journal.Snapshot(session_id) : journal.Since(since ?? 0, Math.Clamp(limit ?? 1000, 1, 10_000), session_id), Envelope.Json))
            .WithName("Journal").WithSummary("Every API call: time, method, path, status, session, request and response (secrets masked). " +
                "since=<id> and limit=<n> give only the newest n entries after that id (a poller's increment).");
        admin.MapDelete("/journal", (RequestJournal journal) =>
        {
            journal.Clear();
            return Results.Json(new { status = "cleared" }, Envelope.Json);
        }).WithName("ClearJournal");

        admin.MapGet("/sessions", (SessionManager sessions, EmulatorClock clock, LiveKitRooms rooms, ChatSockets chats, RealtimeSpeech realtime, IServiceProvider services) =>
            {
                sessions.Sweep();
                var now = clock.GetUtcNow();
                var media = MediaView.Sent(services.GetService<MediaEngine>());
                return Results.Json(sessions.All.OrderBy(s => s.CreatedAt).Select(s =>
                    SessionView.Of(s, now, sessions.DurationLimitOf(s), PeersView.Of(s, rooms, chats, realtime), MediaView.Of(s, media))), Envelope.Json);
            })
            .WithName("Sessions").WithSummary("All sessions with state, avatar, timers, tasks, connected peers and media sent.");

        admin.MapGet("/changes", async (AdminChanges changes, RequestJournal journal, long? after, int? wait_ms, HttpContext context) =>
            {
                try
                {
                    var version = await changes.WaitAsync(after ?? -1, TimeSpan.FromMilliseconds(Math.Clamp(wait_ms ?? 0, 0, 30_000)), context.RequestAborted);
                    return Results.Json(new { version, journal_clears = journal.Clears }, Envelope.Json);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    return Results.Empty; // the page went away
                }
            })
            .WithName("Changes").WithSummary("A version that moves whenever sessions, journal or clock may have changed; with after=<version> and " +
                "wait_ms=<ms> (≤ 30,000) it answers as soon as the version differs (a long poll: the dashboard fetches only when something moved).");

        admin.MapGet("/sessions/{id}/preview.png", (string id, SessionManager sessions, EmulatorClock clock, HttpContext context) =>
            {
                var session = sessions.FindAny(id) ?? throw HeyGenErrors.SessionNotFound.ToException();
                var talking = session.IsTalking(clock.GetUtcNow());
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers["X-Emulator-Preview"] = talking ? "talking" : "idle";
                return Results.Bytes(talking ? AvatarPreviewImage.TalkingBytes : AvatarPreviewImage.Bytes, AvatarPreviewImage.ContentType);
            })
            .WithName("SessionPreview").WithSummary("What the session's avatar shows now: its idle or its talking frame (X-Emulator-Preview says which).");

        admin.MapGet(DashboardPage.Path, DashboardPage.Serve).WithName("Dashboard").WithSummary("The dashboard page (?token= once when Emulator:AdminToken is set).");

        admin.MapDelete("/sessions/{id}", (string id, SessionManager sessions) =>
            sessions.FindAny(id) is null
                ? Envelope.Error(HeyGenErrors.SessionNotFound)
                : Results.Json(new { session_id = id, closed = sessions.Kill(id, "admin") }, Envelope.Json))
            .WithName("KillSession").WithSummary("End a session as if the server dropped it.");

        admin.MapPost("/sessions/{id}/drop_signal", (string id, bool? end_session, SessionManager sessions, LiveKitRooms rooms) =>
            {
                if (sessions.FindAny(id) is null) return Envelope.Error(HeyGenErrors.SessionNotFound);
                // Off the room first, so that ending the session sends this socket no leave; then end; then cut.
                var connection = rooms.DetachSignal(id);
                var ended = end_session == true && sessions.Kill(id, "admin");
                connection?.Drop(end_session == true ? "dropped by admin (session ended)" : "dropped by admin");
                return Results.Json(new { session_id = id, dropped = connection is not null, participant_sid = connection?.ParticipantSid, session_ended = ended }, Envelope.Json);
            })
            .WithName("DropSignal").WithSummary("Cut the session's LiveKit signal socket with no leave (?end_session=true ends the session first, silently).");

        admin.MapPost("/sessions/{id}/transcripts", async (string id, HttpContext context, SessionManager sessions, VoiceTurns turns, IOptions<EmulatorOptions> options) =>
            {
                var session = sessions.FindAny(id) ?? throw HeyGenErrors.SessionNotFound.ToException();
                var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
                var text = body.String("text");
                if (string.IsNullOrWhiteSpace(text)) throw HeyGenErrors.MissingParameter("text").ToException();
                return Results.Json(new { session_id = id, queued = turns.Queue(session, text) }, Envelope.Json);
            })
            .WithName("QueueTranscript").WithSummary("What the session's next detected utterance \"said\": {\"text\": …} (queued in order).");

        admin.MapPost("/sessions/{id}/user_turn", async (string id, HttpContext context, SessionManager sessions, VoiceTurns turns, IOptions<EmulatorOptions> options) =>
            {
                var session = sessions.FindAny(id) ?? throw HeyGenErrors.SessionNotFound.ToException();
                var body = await RequestBody.ReadObjectAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
                var text = body.String("text");
                var turn = await turns.SimulateAsync(session, string.IsNullOrWhiteSpace(text) ? null : text);
                var reply = await turn.Reply;
                return Results.Json(new
                {
                    session_id = id,
                    task_id = turn.TurnId,
                    transcript = turn.Transcript,
                    source = turn.Source,
                    reply = reply?.SpokenText,
                    duration_ms = reply?.Duration.TotalMilliseconds,
                }, Envelope.Json);
            })
            .WithName("UserTurn").WithSummary("A whole user turn with no audio: user_start, the transcript events, user_stop, then the avatar's reply.");
    }

    private static object ClockView(EmulatorClock clock) => new { now = clock.GetUtcNow(), offset_seconds = clock.Offset.TotalSeconds };
}
