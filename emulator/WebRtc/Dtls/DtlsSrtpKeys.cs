using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// SRTP master keys exported from a DTLS handshake ("EXTRACTOR-dtls_srtp", RFC 5764 §4.2): the exporter output
/// is client key | server key | client salt | server salt. The DTLS client (the browser) sends with the client
/// key and salt; we, the DTLS server, send with the server key and salt.
/// </summary>
public sealed class DtlsSrtpKeys
{
    private DtlsSrtpKeys(SrtpProfile profile, byte[] material)
    {
        const int k = SrtpProfileInfo.MasterKeyLength, s = SrtpProfileInfo.MasterSaltLength;
        Profile = profile;
        KeyingMaterial = material;
        ClientWriteKey = material[..k];
        ServerWriteKey = material[k..(2 * k)];
        ClientWriteSalt = material[(2 * k)..(2 * k + s)];
        ServerWriteSalt = material[(2 * k + s)..(2 * k + 2 * s)];
    }

    public SrtpProfile Profile { get; }

    /// <summary>The raw 60 exported bytes.</summary>
    public byte[] KeyingMaterial { get; }

    public byte[] ClientWriteKey { get; }
    public byte[] ClientWriteSalt { get; }
    public byte[] ServerWriteKey { get; }
    public byte[] ServerWriteSalt { get; }

    public static DtlsSrtpKeys FromKeyingMaterial(SrtpProfile profile, ReadOnlySpan<byte> material)
    {
        if (material.Length != SrtpProfileInfo.KeyingMaterialLength)
            throw new ArgumentException($"keying material must be {SrtpProfileInfo.KeyingMaterialLength} bytes", nameof(material));
        return new DtlsSrtpKeys(profile, material.ToArray());
    }

    /// <summary>Context for the SRTP/SRTCP we (the DTLS server) send.</summary>
    public SrtpContext CreateServerSendContext() => new(Profile, ServerWriteKey, ServerWriteSalt);

    /// <summary>Context for the SRTP/SRTCP the DTLS client (browser) sends us.</summary>
    public SrtpContext CreateServerReceiveContext() => new(Profile, ClientWriteKey, ClientWriteSalt);
}
