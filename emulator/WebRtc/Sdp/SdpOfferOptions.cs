namespace HeyGenEmulator.WebRtc.Sdp;

public enum SdpVideoCodec
{
    Vp8,
    H264,
}

/// <summary>DTLS role negotiation (RFC 8842 §5.1).</summary>
public enum SdpSetup
{
    ActPass,
    Active,
    Passive,
}

public enum SdpMediaKind
{
    Audio,
    Video,
    Application,
}

/// <summary>A host UDP candidate to advertise.</summary>
public sealed record SdpHostCandidate(string Address, int Port);

/// <summary>Everything the offer builder needs; the caller decides every value.</summary>
public sealed record SdpOfferOptions
{
    public required string IceUfrag { get; init; }
    public required string IcePwd { get; init; }
    public required SdpFingerprint Fingerprint { get; init; }
    /// <summary>Address for <c>c=</c> and <c>o=</c>; usually the first candidate's address.</summary>
    public required string ConnectionAddress { get; init; }
    /// <summary>Port on every m-line (bundled, so the same everywhere).</summary>
    public required int Port { get; init; }
    public IReadOnlyList<SdpHostCandidate> Candidates { get; init; } = [];

    public ulong SessionId { get; init; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    public ulong SessionVersion { get; init; } = 2;
    /// <summary>We are the DTLS server: actpass lets the browser pick active; passive forces it.</summary>
    public SdpSetup Setup { get; init; } = SdpSetup.ActPass;

    public bool IncludeAudio { get; init; } = true;
    public bool IncludeVideo { get; init; } = true;
    public bool IncludeDataChannel { get; init; }

    public SdpVideoCodec VideoCodec { get; init; } = SdpVideoCodec.Vp8;
    public uint AudioSsrc { get; init; }
    public uint VideoSsrc { get; init; }
    public string Cname { get; init; } = "emulator";
    public string StreamId { get; init; } = "stream";
    public string AudioTrackId { get; init; } = "audio";
    public string VideoTrackId { get; init; } = "video";
    /// <summary>Per-track stream ids for <c>a=msid</c> (LiveKit's <c>PA_…|TR_…</c>); <see cref="StreamId"/> when null.</summary>
    public string? AudioStreamId { get; init; }
    public string? VideoStreamId { get; init; }

    public int SctpPort { get; init; } = 5000;
    public int MaxMessageSize { get; init; } = 262144;
}
