using System.Collections;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;
using BcHashAlgorithm = Org.BouncyCastle.Crypto.Tls.HashAlgorithm;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// A BouncyCastle DTLS 1.2 client standing in for the browser: use_srtp, its own ECDSA certificate, and what the
/// handshake revealed (SRTP profile, keying material, the server's fingerprint, the last alert).
/// </summary>
public sealed class DtlsTestClient(DtlsCertificate certificate) : DefaultTlsClient
{
    public DtlsCertificate Certificate { get; } = certificate;

    public int[] OfferedSrtpProfiles { get; init; } = [(int)SrtpProfile.Aes128CmHmacSha1_80, (int)SrtpProfile.Aes128CmHmacSha1_32];
    /// <summary>Refuse the server's certificate with bad_certificate, as a browser does when the fingerprint differs.</summary>
    public bool RejectServerCertificate { get; init; }

    public byte[]? ExportedKeyingMaterial { get; private set; }
    public int? SelectedSrtpProfile { get; private set; }
    public string? ServerFingerprint { get; private set; }
    public byte? AlertReceived { get; private set; }

    public override ProtocolVersion ClientVersion => ProtocolVersion.DTLSv12;
    public override ProtocolVersion MinimumVersion => ProtocolVersion.DTLSv12;

    public override int[] GetCipherSuites() =>
        [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA];

    public override IDictionary GetClientExtensions()
    {
        IDictionary extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        if (OfferedSrtpProfiles.Length > 0)
            TlsSRTPUtils.AddUseSrtpExtension(extensions, new UseSrtpData(OfferedSrtpProfiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        UseSrtpData? data = serverExtensions is null ? null : TlsSRTPUtils.GetUseSrtpExtension(serverExtensions);
        if (data is not null) SelectedSrtpProfile = data.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        // The master secret is gone once Connect returns: export now (RFC 5764 §4.2).
        ExportedKeyingMaterial = mContext.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpProfileInfo.KeyingMaterialLength);
    }

    public override void NotifyAlertReceived(byte alertLevel, byte alertDescription) => AlertReceived = alertDescription;

    /// <summary>The SRTP keys both ends derived, once the handshake negotiated a profile.</summary>
    public DtlsSrtpKeys? SrtpKeys() => ExportedKeyingMaterial is { } material && SelectedSrtpProfile is { } profile
        ? DtlsSrtpKeys.FromKeyingMaterial((SrtpProfile)profile, material)
        : null;

    private sealed class Authentication(DtlsTestClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(Certificate serverCertificate)
        {
            owner.ServerFingerprint = DtlsFingerprint.Compute(serverCertificate.GetCertificateAt(0).GetEncoded());
            if (owner.RejectServerCertificate) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            new DefaultTlsSignerCredentials(owner.mContext, owner.Certificate.TlsCertificate, owner.Certificate.PrivateKey,
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
