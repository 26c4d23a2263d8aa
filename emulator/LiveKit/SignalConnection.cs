using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Clock;
using HeyGenEmulator.LiveKit.Protocol;

namespace HeyGenEmulator.LiveKit;

/// <summary>Everything a signal connection talks to besides its socket.</summary>
public sealed record SignalServices(
    EmulatorClock Clock,
    LiveKitJournal Journal,
    LiveKitSettings Settings,
    ILiveKitPeerFactory Peers,
    IClientInput Input,
    ILogger Log);

/// <summary>
/// One client's LiveKit v0 signalling WebSocket (spec §4): JoinResponse, the subscriber offer, answer, trickle both
/// ways, ping/pong, the publisher path, and <c>leave</c> when the session ends. Binary protobuf frames only.
/// <para>
/// Threads: the receive loop, the room (avatar join, session end) and the admin API (drop) all reach one connection;
/// sends are serialised by a semaphore and the first close cause recorded wins.
/// </para>
/// </summary>
public sealed class SignalConnection : IDisposable
{
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly LiveKitRoom _room;
    private readonly WebSocket _socket;
    private readonly SignalServices _s;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PendingCandidates _subscriberCandidates = new(), _publisherCandidates = new();
    private readonly string _path;
    private bool _avatarAnnounced;
    private uint _offerId;
    private int _trickleIn, _trickleOut, _ignored, _dataIn;
    private string? _closeCause;
    private int _disposed;
    private UtteranceRecorder? _microphone;

    public SignalConnection(LiveKitRoom room, WebSocket socket, LiveKitTokenCheck token, string path, SignalServices services)
    {
        _room = room;
        _socket = socket;
        _s = services;
        _path = path;
        Identity = token.Identity!;
        Name = token.Name ?? token.Identity!;
    }

    public string ParticipantSid { get; } = LiveKitIds.Participant();
    public string Identity { get; }
    public string Name { get; }
    public ILiveKitPeer? Subscriber { get; private set; }
    public ILiveKitPeer? Publisher { get; private set; }
    public Task Completion => _done.Task;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string SessionId => _room.SessionId;

    /// <summary>Keeps the first cause: what ended the connection, not what followed from it.</summary>
    private void NoteCause(string cause) => Interlocked.CompareExchange(ref _closeCause, cause, null);

    /// <summary>A cause that replaces whatever was noted (an end the server decided on).</summary>
    private void SetCause(string cause) => Interlocked.Exchange(ref _closeCause, cause);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        CancelStop();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private void CancelStop()
    {
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stop.Token);
        var ct = linked.Token;
        try
        {
            if (!_room.TryAttach(this, out var replaced))
            {
                await SendLeaveAsync(DisconnectReason.RoomDeleted, "session already ended").ConfigureAwait(false);
                await CloseSocketAsync(WebSocketCloseStatus.NormalClosure, "room deleted").ConfigureAwait(false);
                return;
            }
            if (replaced is not null)
            {
                _s.Journal.Record(SessionId, "WS", _path, 101, "replaced", new JsonObject { ["previous_participant"] = replaced.ParticipantSid });
                _ = replaced.EndAsync("duplicate identity", DisconnectReason.DuplicateIdentity);
            }
            await JoinAsync().ConfigureAwait(false);
            await ReceiveLoopAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException e)
        {
            NoteCause("socket error: " + e.WebSocketErrorCode);
        }
        finally
        {
            _room.Detach(this);
            Subscriber?.Close("signal closed");
            Publisher?.Close("signal closed");
            _s.Journal.Record(SessionId, "WS", _path, 101, "closed", new JsonObject
            {
                ["participant_sid"] = ParticipantSid,
                ["cause"] = Volatile.Read(ref _closeCause) ?? "client went away",
                ["trickle_in"] = _trickleIn,
                ["trickle_out"] = _trickleOut,
                ["data_in"] = _dataIn,
                ["ignored"] = _ignored,
            });
            _done.TrySetResult();
        }
    }

    /// <summary>S1 (+ S2 when the avatar is already there).</summary>
    private async Task JoinAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var now = _s.Clock.GetUtcNow();
            bool avatar = _room.AvatarPresent;
            var join = new JoinResponse
            {
                Room = new Room { Sid = _room.Sid, Name = SessionId, CreationTime = _room.CreatedAt.ToUnixTimeSeconds() },
                Participant = new ParticipantInfo
                {
                    Sid = ParticipantSid,
                    Identity = Identity,
                    Name = Name,
                    State = ParticipantInfo.Types.State.Joined,
                    Version = 1,
                    JoinedAt = now.ToUnixTimeSeconds(),
                    Permission = new ParticipantPermission { CanSubscribe = true, CanPublish = true, CanPublishData = true },
                },
                ServerVersion = _s.Settings.ServerVersion,
                ServerInfo = new ServerInfo
                {
                    Edition = ServerInfo.Types.Edition.Standard,
                    Version = _s.Settings.ServerVersion,
                    Protocol = _s.Settings.Protocol,
                    Region = "local",
                    NodeId = "heygen-emulator",
                },
                SubscriberPrimary = true,
                FastPublish = false,
                PingInterval = _s.Settings.PingInterval,
                PingTimeout = _s.Settings.PingTimeout,
            };
            if (avatar) join.OtherParticipants.Add(_room.AvatarInfo());
            if (_room.AgentInfo() is { } agent) join.OtherParticipants.Add(agent);
            await SendLockedAsync(new SignalResponse { Join = join }).ConfigureAwait(false);
            _s.Journal.Record(SessionId, "WS", _path, 101, "joined", new JsonObject
            {
                ["participant_sid"] = ParticipantSid,
                ["identity"] = Identity,
                ["room_sid"] = _room.Sid,
                ["avatar"] = avatar ? _room.AvatarSid : null,
            });
            if (avatar)
            {
                _avatarAnnounced = true;
                await SendSubscriberOfferLockedAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>S8: the avatar joined after the client: <c>update</c> first, then the offer that adds its tracks.</summary>
    public async Task AnnounceAvatarAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_avatarAnnounced || _stop.IsCancellationRequested) return;
            _avatarAnnounced = true;
            var info = _room.AvatarInfo(bumpVersion: true);
            await SendLockedAsync(new SignalResponse { Update = new ParticipantUpdate { Participants = { info } } }).ConfigureAwait(false);
            _s.Journal.Record(SessionId, "WS", _path, 101, "update", new JsonObject { ["participant_sid"] = info.Sid, ["version"] = info.Version, ["tracks"] = info.Tracks.Count });
            await SendSubscriberOfferLockedAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendSubscriberOfferLockedAsync()
    {
        var peer = _s.Peers.CreateSubscriber(_room);
        peer.DataOpened += () =>
        {
            var flushed = _room.FlushData();
            _s.Journal.Record(SessionId, "DATA", "/rtc#_reliable", 200, "data_open", new JsonObject { ["flushed"] = flushed });
        };
        peer.Connected += () => _s.Journal.Record(SessionId, "WS", _path, 101, "connected", new JsonObject { ["target"] = "subscriber", ["mode"] = peer.Mode });
        peer.Closed += reason => _s.Journal.Record(SessionId, "WS", _path, 101, "peer_closed", new JsonObject { ["target"] = "subscriber", ["reason"] = reason });
        var offer = peer.CreateOffer(new SubscriberOfferSpec(_room.AvatarSid, _room.AudioTrackSid, _room.VideoTrackSid, _room.VideoCodec,
            IncludeMedia: true, Msid: _s.Settings.Msid));
        Subscriber = peer;
        var id = ++_offerId;
        var description = new SessionDescription { Type = "offer", Sdp = offer.Sdp, Id = id };
        foreach (var (mid, track) in offer.MidToTrackId) description.MidToTrackId[mid] = track;
        await SendLockedAsync(new SignalResponse { Offer = description }).ConfigureAwait(false);
        _s.Journal.Record(SessionId, "WS", _path, 101, "offer", new JsonObject
        {
            ["target"] = "subscriber",
            ["id"] = id,
            ["mode"] = peer.Mode,
            ["msid"] = _s.Settings.Msid,
            ["sections"] = offer.Sdp.Split("\r\n").Count(l => l.StartsWith("m=", StringComparison.Ordinal)),
        });
        foreach (var c in peer.LocalCandidates)
        {
            await SendLockedAsync(new SignalResponse { Trickle = new TrickleRequest { CandidateInit = TrickleCandidates.ToJson(c), Target = SignalTarget.Subscriber } }).ConfigureAwait(false);
            Interlocked.Increment(ref _trickleOut);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            message.SetLength(0);
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    NoteCause($"client closed ({result.CloseStatus})");
                    await CloseSocketAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    SetCause("message too big");
                    await CloseSocketAsync(WebSocketCloseStatus.MessageTooBig, "message too big").ConfigureAwait(false);
                    return;
                }
            } while (!result.EndOfMessage);

            SignalRequest request;
            try
            {
                request = result.MessageType == WebSocketMessageType.Binary
                    ? SignalRequest.Parser.ParseFrom(message.GetBuffer(), 0, (int)message.Length)
                    : SignalRequest.Parser.ParseJson(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
            {
                Interlocked.Increment(ref _ignored);
                _s.Journal.Record(SessionId, "WS", _path, 400, "malformed", new JsonObject { ["error"] = e.Message });
                continue;
            }
            if (!await HandleAsync(request).ConfigureAwait(false)) return;
        }
    }

    /// <summary>False when the connection should end (client leave).</summary>
    private async Task<bool> HandleAsync(SignalRequest request)
    {
        switch (request.MessageCase)
        {
            case SignalRequest.MessageOneofCase.Answer:
                OnSubscriberAnswer(request.Answer);
                return true;
            case SignalRequest.MessageOneofCase.Trickle:
                OnTrickle(request.Trickle);
                return true;
            case SignalRequest.MessageOneofCase.Ping:
                await SendAsync(new SignalResponse { Pong = _s.Clock.GetUtcNow().ToUnixTimeMilliseconds() }).ConfigureAwait(false);
                return true;
            case SignalRequest.MessageOneofCase.PingReq:
                await SendAsync(new SignalResponse
                {
                    PongResp = new Pong { LastPingTimestamp = request.PingReq.Timestamp, Timestamp = _s.Clock.GetUtcNow().ToUnixTimeMilliseconds() },
                }).ConfigureAwait(false);
                return true;
            case SignalRequest.MessageOneofCase.Leave:
                SetCause("client leave");
                _s.Journal.Record(SessionId, "WS", _path, 101, "leave", new JsonObject
                {
                    ["from"] = "client",
                    ["reason"] = request.Leave.Reason.ToString(),
                    ["action"] = request.Leave.Action.ToString(),
                });
                await CloseSocketAsync(WebSocketCloseStatus.NormalClosure, "left").ConfigureAwait(false);
                return false;
            case SignalRequest.MessageOneofCase.Offer:
                await OnPublisherOfferAsync(request.Offer).ConfigureAwait(false);
                return true;
            case SignalRequest.MessageOneofCase.AddTrack:
                await OnAddTrackAsync(request.AddTrack).ConfigureAwait(false);
                return true;
            case SignalRequest.MessageOneofCase.TrackSetting:
                // S6: adaptive stream asks to pause a track nobody sees (disabled: true); pausing freezes the avatar, so
                // media keeps flowing whatever it says. Journaled to show it was asked.
                Interlocked.Increment(ref _ignored);
                var setting = request.TrackSetting;
                _s.Journal.Record(SessionId, "WS", _path, 101, "track_setting", new JsonObject
                {
                    ["track_sids"] = new JsonArray([.. setting.TrackSids.Select(t => (JsonNode?)JsonValue.Create(t))]),
                    ["disabled"] = setting.Disabled,
                    ["width"] = setting.Width,
                    ["height"] = setting.Height,
                    ["honoured"] = false,
                });
                return true;
            default:
                // S6: subscription_permission, track_setting (never honour disabled), subscription, update_layers,
                // sync_state, update_metadata, mute, and whatever newer clients add.
                Interlocked.Increment(ref _ignored);
                return true;
        }
    }

    /// <summary>
    /// S3: the client's answer to our subscriber offer. An id of 0 means "not set" (clients on older protocol versions
    /// send no id) and matches; any other id must be the outstanding offer's, or the answer is refused and not applied.
    /// </summary>
    private void OnSubscriberAnswer(SessionDescription answer)
    {
        var peer = Subscriber;
        var offerId = Volatile.Read(ref _offerId);
        string? refusal = peer is null ? "no offer outstanding"
            : answer.Id != 0 && answer.Id != offerId ? $"answer id {answer.Id} does not match offer id {offerId}"
            : null;
        if (refusal is null)
        {
            try
            {
                peer!.ApplyAnswer(answer.Sdp);
            }
            catch (LiveKitPeerException e)
            {
                refusal = e.Message;
            }
        }
        if (refusal is not null)
        {
            _s.Journal.Record(SessionId, "WS", _path, 400, "answer", new JsonObject { ["target"] = "subscriber", ["id"] = answer.Id, ["error"] = refusal });
            return;
        }
        var queued = _subscriberCandidates.Answered();
        foreach (var c in queued) peer!.AddRemoteCandidate(c);
        _s.Journal.Record(SessionId, "WS", _path, 101, "answer", new JsonObject
        {
            ["target"] = "subscriber",
            ["id"] = answer.Id,
            ["queued_candidates"] = queued.Length,
        });
    }

    /// <summary>S4: candidates for either connection; queued until that connection's answer; empty ones ignored.</summary>
    private void OnTrickle(TrickleRequest trickle)
    {
        Interlocked.Increment(ref _trickleIn);
        var candidate = TrickleCandidates.Parse(trickle.CandidateInit, out var error);
        if (candidate is null)
        {
            _s.Journal.Record(SessionId, "WS", _path, 400, "trickle", new JsonObject { ["error"] = error, ["target"] = trickle.Target.ToString() });
            return;
        }
        if (string.IsNullOrWhiteSpace(candidate.Candidate)) return;
        var subscriber = trickle.Target == SignalTarget.Subscriber;
        var hold = (subscriber ? _subscriberCandidates : _publisherCandidates).Hold(candidate);
        if (hold == CandidateHold.Refused)
            _s.Journal.Record(SessionId, "WS", _path, 429, "trickle", new JsonObject { ["error"] = $"more than {PendingCandidates.MaxHeld} candidates before the answer", ["target"] = trickle.Target.ToString() });
        if (hold != CandidateHold.ApplyNow) return;
        (subscriber ? Subscriber : Publisher)?.AddRemoteCandidate(candidate);
    }

    /// <summary>S11: the client's publisher offer is always answered (an unanswered one makes it reconnect after 15 s).</summary>
    private async Task OnPublisherOfferAsync(SessionDescription offer)
    {
        var peer = Publisher;
        if (peer is null)
        {
            peer = _s.Peers.CreatePublisher(_room);
            peer.DataReceived += OnClientData;
            peer.AudioReceived += OnMicrophoneAudio;
            peer.Connected += () => _s.Journal.Record(SessionId, "WS", _path, 101, "connected", new JsonObject { ["target"] = "publisher", ["mode"] = peer.Mode });
            Publisher = peer;
        }
        string sdp;
        try
        {
            sdp = peer.AnswerOffer(offer.Sdp);
        }
        catch (LiveKitPeerException e)
        {
            _s.Journal.Record(SessionId, "WS", _path, 400, "publisher_offer", new JsonObject { ["id"] = offer.Id, ["error"] = e.Message });
            return;
        }
        await SendAsync(new SignalResponse { Answer = new SessionDescription { Type = "answer", Sdp = sdp, Id = offer.Id } }).ConfigureAwait(false);
        var queued = _publisherCandidates.Answered();
        foreach (var c in queued) peer.AddRemoteCandidate(c);
        _s.Journal.Record(SessionId, "WS", _path, 101, "publisher_answer", new JsonObject { ["id"] = offer.Id, ["mode"] = peer.Mode, ["queued_candidates"] = queued.Length });
        foreach (var c in peer.LocalCandidates)
        {
            await SendAsync(new SignalResponse { Trickle = new TrickleRequest { CandidateInit = TrickleCandidates.ToJson(c), Target = SignalTarget.Publisher } }).ConfigureAwait(false);
            Interlocked.Increment(ref _trickleOut);
        }
    }

    private async Task OnAddTrackAsync(AddTrackRequest add)
    {
        var track = new TrackInfo
        {
            Sid = LiveKitIds.Track(),
            Type = add.Type,
            Name = add.Name,
            Muted = add.Muted,
            Source = add.Source == TrackSource.Unknown && add.Type == TrackType.Audio ? TrackSource.Microphone : add.Source,
            Width = add.Width,
            Height = add.Height,
            MimeType = add.Type == TrackType.Audio ? "audio/opus" : "",
        };
        await SendAsync(new SignalResponse { TrackPublished = new TrackPublishedResponse { Cid = add.Cid, Track = track } }).ConfigureAwait(false);
        _s.Journal.Record(SessionId, "WS", _path, 101, "track_published", new JsonObject { ["cid"] = add.Cid, ["sid"] = track.Sid, ["type"] = add.Type.ToString() });
    }

    /// <summary>S11: the client's data: a JSON string literal (<c>"hello"</c>, <c>"push_to_talk:start"</c>).</summary>
    internal void OnClientData(byte[] bytes)
    {
        Interlocked.Increment(ref _dataIn);
        DataPacket packet;
        try { packet = DataPacket.Parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e)
        {
            _s.Journal.Record(SessionId, "DATA", "/rtc#publisher", 400, "data_in", new JsonObject { ["error"] = e.Message });
            return;
        }
        if (packet.User is null) return;
        var raw = packet.User.Payload.ToStringUtf8();
        string text = raw;
        try
        {
            if (JsonNode.Parse(raw) is JsonValue v && v.TryGetValue<string>(out var s)) text = s;
        }
        catch (JsonException) { }
        var topic = packet.User.HasTopic ? packet.User.Topic : null;
        _s.Journal.Record(SessionId, "DATA", "/rtc#publisher", 200, "data_in", new JsonObject { ["payload"] = raw, ["topic"] = topic });
        if (_room.Agent is { } roomAgent)
        {
            roomAgent.OnClientData(topic, raw);
            return;
        }
        switch (text)
        {
            case "push_to_talk:start":
                PushToTalk(true);
                return;
            case "push_to_talk:stop":
                PushToTalk(false);
                return;
        }
        if (string.IsNullOrWhiteSpace(text)) return;
        _s.Input.UserText(SessionId, text, ClientChannel.LiveKitData);
    }

    /// <summary>The client's microphone: utterances bounded by the VAD, or by push-to-talk.</summary>
    private UtteranceRecorder Microphone => LazyInitializer.EnsureInitialized(ref _microphone, () => new UtteranceRecorder(
        new VoiceActivityDetector(_s.Settings.VadThreshold, TimeSpan.FromMilliseconds(_s.Settings.VadHangoverMs)),
        _s.Input.WantsUtteranceAudio, () => _s.Input.UserStarted(SessionId), u => _s.Input.UserStopped(SessionId, u),
        _room.Agent?.PushToTalkOnly == true));

    private void OnMicrophoneAudio(MicrophonePacket packet) => Microphone.PushOpus(packet);

    /// <summary>Push-to-talk (SDK 2.1.0's <c>push_to_talk:start|stop</c> data, or streaming.start/stop_listening in push-to-talk mode).</summary>
    public void PushToTalk(bool on) => Microphone.PushToTalk(on);

    /// <summary>S9: <c>leave</c> {reason, DISCONNECT, can_reconnect false}, then close the socket ~100 ms later.</summary>
    public async Task EndAsync(string cause, DisconnectReason reason = DisconnectReason.RoomDeleted)
    {
        SetCause("session ended: " + cause);
        try
        {
            var acked = await DataDeliveredAsync().ConfigureAwait(false);
            await SendLeaveAsync(reason, cause, acked).ConfigureAwait(false);
            await Task.Delay(Math.Max(0, _s.Settings.LeaveCloseDelayMs)).ConfigureAwait(false);
            await CloseSocketAsync(WebSocketCloseStatus.NormalClosure, "room deleted").ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            Subscriber?.Close("session " + cause);
            Publisher?.Close("session " + cause);
        }
        // Let the client answer the close handshake; a client that does not is cut off.
        await Task.WhenAny(_done.Task, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        CancelStop();
    }

    /// <summary>
    /// The last events (LiveAvatar's <c>session.stopped</c>) travel on the data channel and the <c>leave</c> on this
    /// socket; a client that reads the leave first disconnects without them (the LiveAvatar SDK then reports
    /// UNKNOWN_REASON instead of SERVER_INITIATED). So the leave waits until the client's SCTP has acknowledged the
    /// data, bounded, and a moment more for its page to read what its stack just took.
    /// </summary>
    private async Task<bool> DataDeliveredAsync()
    {
        if (Subscriber is not { } peer || peer.DataUnacknowledged == 0) return true;
        var deadline = Environment.TickCount64 + Math.Max(0, _s.Settings.LeaveDataWaitMs);
        while (peer.DataUnacknowledged > 0 && Environment.TickCount64 < deadline)
            await Task.Delay(5).ConfigureAwait(false);
        await Task.Delay(20).ConfigureAwait(false);
        return peer.DataUnacknowledged == 0;
    }

    /// <summary>
    /// Admin (spec S10): the socket dies with no <c>leave</c> and no close frame, as when a server crashes or the
    /// network drops. The client sees an abnormal close (1006) and tries to resume.
    /// </summary>
    public void Drop(string cause)
    {
        SetCause(cause);
        _s.Journal.Record(SessionId, "WS", _path, 101, "dropped", new JsonObject { ["participant_sid"] = ParticipantSid, ["cause"] = cause });
        _socket.Abort();
        CancelStop();
    }

    private async Task SendLeaveAsync(DisconnectReason reason, string cause, bool? dataAcked = null)
    {
        await SendAsync(new SignalResponse
        {
            Leave = new LeaveRequest { CanReconnect = false, Reason = reason, Action = LeaveRequest.Types.Action.Disconnect },
        }).ConfigureAwait(false);
        var details = new JsonObject
        {
            ["from"] = "server",
            ["reason"] = reason.ToString(),
            ["reason_code"] = (int)reason,
            ["action"] = "DISCONNECT",
            ["cause"] = cause,
        };
        if (dataAcked is { } acked) details["data_acked"] = acked;
        _s.Journal.Record(SessionId, "WS", _path, 101, "leave", details);
    }

    private async Task CloseSocketAsync(WebSocketCloseStatus status, string description)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try { await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false); }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException) { _socket.Abort(); }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendAsync(SignalResponse response)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await SendLockedAsync(response).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendLockedAsync(SignalResponse response)
    {
        if (_socket.State != WebSocketState.Open) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _socket.SendAsync(response.ToByteArray(), WebSocketMessageType.Binary, true, timeout.Token).ConfigureAwait(false);
    }
}
