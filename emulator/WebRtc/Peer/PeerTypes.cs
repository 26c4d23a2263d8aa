using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.WebRtc.Peer;

/// <summary>
/// What a peer sends. Called only from the engine's pacing thread, except <see cref="RequestKeyFrame"/> which may come
/// from the UDP receive thread (a PLI/FIR).
/// </summary>
public interface IPeerMediaSource
{
    /// <summary>The next video frame (a VP8 frame or an Annex-B H.264 access unit); false when no video is ready yet.</summary>
    bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame);

    /// <summary>The next 20 ms Opus packet (speech or silence).</summary>
    ReadOnlyMemory<byte> NextAudioPacket();

    /// <summary>The receiver lost the picture: the next frame should be a key frame.</summary>
    void RequestKeyFrame();
}

/// <summary>Per-peer media settings, decided by the caller (the SDP offer carries the same values).</summary>
public sealed record PeerMediaConfig
{
    public SdpVideoCodec VideoCodec { get; init; } = SdpVideoCodec.Vp8;
    public uint AudioSsrc { get; init; } = RandomSsrc();
    public uint VideoSsrc { get; init; } = RandomSsrc();
    public string Cname { get; init; } = "emulator";
    public int VideoFps { get; init; } = 25;
    /// <summary>false: a receive-only peer (LiveKit's publisher connection): no pacing, SRTP optional (data-only offers).</summary>
    public bool SendMedia { get; init; } = true;

    public static uint RandomSsrc() => (uint)Random.Shared.NextInt64(1, uint.MaxValue);
}

public enum PeerState
{
    /// <summary>Registered on the mux (ICE answers checks); waiting for the remote answer.</summary>
    New,
    /// <summary>Remote answer applied; ICE and DTLS in progress.</summary>
    Connecting,
    /// <summary>DTLS done, SRTP keyed, media flowing.</summary>
    Streaming,
    /// <summary>Ended (closed or failed); all state freed.</summary>
    Closed,
}

public enum MediaLogLevel { Debug, Information, Warning }

public sealed record MediaEngineOptions
{
    /// <summary>Shared UDP port for every peer; 0 = ephemeral.</summary>
    public int UdpPort { get; init; }
    public System.Net.IPAddress BindAddress { get; init; } = System.Net.IPAddress.Any;
    /// <summary>When <see cref="UdpPort"/> is taken, bind an ephemeral port instead of failing (logged).</summary>
    public bool FallBackToEphemeralPort { get; init; } = true;
    /// <summary>RFC 7675: a connected peer with no valid ICE check for this long is gone.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>A peer that has its answer but no DTLS connection after this long is given up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan SenderReportInterval { get; init; } = TimeSpan.FromSeconds(1);
    public Action<MediaLogLevel, string>? Log { get; init; }
}
