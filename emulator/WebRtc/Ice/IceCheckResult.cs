using System.Net;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>Why an incoming STUN datagram produced no response.</summary>
public enum IceCheckOutcome
{
    /// <summary>Valid binding request; <see cref="IceCheckResult.Response"/> holds the bytes to send back.</summary>
    Success,
    NotStun,
    NotBindingRequest,
    MissingUsername,
    UnknownUsername,
    MissingMessageIntegrity,
    BadMessageIntegrity,
    MissingFingerprint,
    BadFingerprint,
}

/// <summary>What the responder decided about one datagram.</summary>
public sealed record IceCheckResult(
    IceCheckOutcome Outcome,
    byte[]? Response = null,
    bool UseCandidate = false,
    string? RemoteUfrag = null,
    IPEndPoint? Remote = null)
{
    public bool IsSuccess => Outcome == IceCheckOutcome.Success;
}
