using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.WebRtc.Dtls;

public sealed class DtlsServerOptions
{
    /// <summary>Largest datagram we send; 1200 keeps DTLS records under any path MTU WebRTC meets.</summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>Largest datagram we accept; generous because truncating a record corrupts it.</summary>
    public int ReceiveLimit { get; init; } = 1500;

    /// <summary>From the first datagram to Finished; after it the handshake fails.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SRTP profiles we accept, in our order of preference.</summary>
    public IReadOnlyList<SrtpProfile> SrtpProfiles { get; init; } = [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.Aes128CmHmacSha1_32];

    /// <summary>Fail the handshake if the client does not negotiate use_srtp (a WebRTC browser always does).</summary>
    public bool RequireSrtp { get; init; } = true;
}
