namespace HeyGenEmulator.WebRtc.Sdp;

public enum SdpErrorCode
{
    Malformed,
    MissingIceUfrag,
    MissingIcePwd,
    InvalidIceCredentials,
    MissingFingerprint,
    InvalidFingerprint,
    UnsupportedFingerprintAlgorithm,
    InvalidSetup,
    InvalidCandidate,
    MidMismatch,
    MediaKindMismatch,
    MediaRejected,
    NoCommonAudioCodec,
    NoCommonVideoCodec,
    InvalidDirection,
    MissingRtcpMux,
    NotBundled,
}

/// <summary>A problem with a description, phrased so an API can return it verbatim in a 400 response.</summary>
public sealed record SdpValidationError(SdpErrorCode Code, string Message, string? Mid = null)
{
    public override string ToString() => Mid is null ? Message : $"{Message} (mid {Mid})";
}
