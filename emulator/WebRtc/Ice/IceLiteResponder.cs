using System.Net;
using System.Text;
using HeyGenEmulator.WebRtc.Stun;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>
/// The whole of an ICE-lite agent for one session: answer the browser's connectivity checks, note nominations,
/// and remember when the last valid check arrived so the session can tell when consent (RFC 7675) lapsed.
/// A lite agent never sends checks and is always controlled, so there is no pair state machine here.
/// Thread-safe: state is guarded by a lock; hashing uses one-shot static APIs.
/// </summary>
public sealed class IceLiteResponder
{
    /// <summary>RFC 7675 §5.1: consent expires 30 s after the last authenticated check.</summary>
    public static readonly TimeSpan DefaultConsentTimeout = TimeSpan.FromSeconds(30);

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly DateTimeOffset _createdAt;
    private DateTimeOffset? _lastValidCheck;
    // Written under the gate, read without it: the pacer reads where to send for every packet, and a reference is
    // read whole, so the lock bought nothing there but two atomic operations per packet.
    private IPEndPoint? _nominated;
    private IPEndPoint? _lastRemote;
    private string? _remoteUfrag;

    public IceLiteResponder(IceCredentials local, string? expectedRemoteUfrag = null,
        TimeProvider? timeProvider = null, TimeSpan? consentTimeout = null)
    {
        Local = local;
        _key = Encoding.UTF8.GetBytes(local.Pwd);
        _remoteUfrag = expectedRemoteUfrag;
        _time = timeProvider ?? TimeProvider.System;
        ConsentTimeout = consentTimeout ?? DefaultConsentTimeout;
        _createdAt = _time.GetUtcNow();
    }

    public IceCredentials Local { get; }
    public TimeSpan ConsentTimeout { get; }

    /// <summary>
    /// The remote ufrag from the answer. Until it is set any remote ufrag is accepted (the browser may check
    /// before the answer is applied); once set, checks naming another one are rejected.
    /// </summary>
    public string? ExpectedRemoteUfrag
    {
        get { lock (_gate) return _remoteUfrag; }
        set { lock (_gate) _remoteUfrag = value; }
    }

    public DateTimeOffset? LastValidCheckAt { get { lock (_gate) return _lastValidCheck; } }

    /// <summary>The endpoint of the latest check that carried USE-CANDIDATE; the latest wins because a
    /// controlling agent may move the nomination to another pair.</summary>
    public IPEndPoint? NominatedRemote => Volatile.Read(ref _nominated);

    /// <summary>The most recently validated remote endpoint; where media should go if nothing was nominated.</summary>
    public IPEndPoint? LastValidatedRemote => Volatile.Read(ref _lastRemote);

    /// <summary>
    /// True once no valid check arrived for <see cref="ConsentTimeout"/>. Before the first check the clock runs
    /// from construction, so a session whose browser never shows up also expires.
    /// </summary>
    public bool IsConsentExpired
    {
        get
        {
            lock (_gate)
                return _time.GetUtcNow() - (_lastValidCheck ?? _createdAt) >= ConsentTimeout;
        }
    }

    /// <summary>The local-ufrag half of a USERNAME ("ourUfrag:theirUfrag"), or null if it has no colon.</summary>
    public static string? LocalUfragOf(string? username)
    {
        if (username is null) return null;
        int colon = username.IndexOf(':');
        return colon <= 0 ? null : username[..colon];
    }

    public IceCheckResult Process(ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        var message = StunMessage.Parse(datagram);
        return message is null ? new IceCheckResult(IceCheckOutcome.NotStun, Remote: remote) : Process(message, remote);
    }

    public IceCheckResult Process(StunMessage request, IPEndPoint remote)
    {
        if (request.Type != StunMessageType.BindingRequest)
            return Fail(IceCheckOutcome.NotBindingRequest);
        if (!request.HasFingerprint) return Fail(IceCheckOutcome.MissingFingerprint);
        if (!request.VerifyFingerprint()) return Fail(IceCheckOutcome.BadFingerprint);

        string? username = request.Username;
        if (username is null) return Fail(IceCheckOutcome.MissingUsername);
        int colon = username.IndexOf(':');
        if (colon <= 0 || username[..colon] != Local.Ufrag) return Fail(IceCheckOutcome.UnknownUsername);
        string remoteUfrag = username[(colon + 1)..];
        string? expected = ExpectedRemoteUfrag;
        if (remoteUfrag.Length == 0 || (expected is not null && expected != remoteUfrag))
            return Fail(IceCheckOutcome.UnknownUsername);

        if (!request.HasMessageIntegrity) return Fail(IceCheckOutcome.MissingMessageIntegrity);
        if (!request.VerifyMessageIntegrity(_key)) return Fail(IceCheckOutcome.BadMessageIntegrity);

        var response = new StunMessageBuilder(StunMessageType.BindingSuccess, request.TransactionId)
            .AddXorMappedAddress(remote)
            .AddMessageIntegrity(_key)
            .AddFingerprint()
            .ToArray();

        bool useCandidate = request.UseCandidate;
        lock (_gate)
        {
            _lastValidCheck = _time.GetUtcNow();
            Volatile.Write(ref _lastRemote, remote);
            if (useCandidate) Volatile.Write(ref _nominated, remote);
        }
        return new IceCheckResult(IceCheckOutcome.Success, response, useCandidate, remoteUfrag, remote);

        IceCheckResult Fail(IceCheckOutcome outcome) => new(outcome, Remote: remote);
    }
}
