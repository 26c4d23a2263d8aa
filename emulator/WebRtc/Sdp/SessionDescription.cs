namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>An <c>a=rtpmap</c> payload type with its fmtp and rtcp-fb lines.</summary>
public sealed record SdpPayloadType(int Id, string Codec, int ClockRate, int? Channels, string? Fmtp, IReadOnlyList<string> RtcpFeedback);

/// <summary>One m-line and its attributes.</summary>
public sealed record SdpMediaSection(
    string Media,
    int Port,
    string Protocol,
    IReadOnlyList<string> Formats,
    string? Mid,
    string? Direction,
    string? IceUfrag,
    string? IcePwd,
    SdpFingerprint? Fingerprint,
    SdpSetup? Setup,
    bool RtcpMux,
    IReadOnlyList<SdpPayloadType> PayloadTypes,
    IReadOnlyList<SdpCandidate> Candidates,
    bool EndOfCandidates,
    int? SctpPort,
    int? MaxMessageSize,
    IReadOnlyList<string> Attributes)
{
    public SdpMediaKind? Kind => Media switch
    {
        "audio" => SdpMediaKind.Audio,
        "video" => SdpMediaKind.Video,
        "application" => SdpMediaKind.Application,
        _ => null,
    };

    /// <summary>Port 0 in an answer rejects the section (RFC 8829 §5.3.1).</summary>
    public bool IsRejected => Port == 0;
}

/// <summary>
/// A parsed session description. Media-level ICE and DTLS attributes override session-level ones; use the
/// Effective* helpers. <see cref="Problems"/> lists attribute values that were present but malformed.
/// </summary>
public sealed record SessionDescription(
    string? Origin,
    IReadOnlyList<string> BundleMids,
    bool IceLite,
    string? IceUfrag,
    string? IcePwd,
    SdpFingerprint? Fingerprint,
    SdpSetup? Setup,
    IReadOnlyList<SdpMediaSection> Media,
    IReadOnlyList<SdpValidationError> Problems)
{
    public string? EffectiveIceUfrag(SdpMediaSection m) => m.IceUfrag ?? IceUfrag;
    public string? EffectiveIcePwd(SdpMediaSection m) => m.IcePwd ?? IcePwd;
    public SdpFingerprint? EffectiveFingerprint(SdpMediaSection m) => m.Fingerprint ?? Fingerprint;
    public SdpSetup? EffectiveSetup(SdpMediaSection m) => m.Setup ?? Setup;

    /// <summary>The transport-level values of the first accepted section: with BUNDLE, that one rules.</summary>
    public SdpMediaSection? FirstAccepted => Media.FirstOrDefault(m => !m.IsRejected);

    /// <summary>All candidates from every section, de-duplicated.</summary>
    public IReadOnlyList<SdpCandidate> AllCandidates =>
        Media.SelectMany(m => m.Candidates).DistinctBy(c => c.ToAttributeValue()).ToArray();
}
