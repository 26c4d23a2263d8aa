using System.Security.Cryptography;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using BcHashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// BouncyCastle server callbacks for WebRTC's DTLS-SRTP: ECDSA credentials, use_srtp negotiation, a
/// CertificateRequest so the browser proves the certificate whose fingerprint the SDP carried, and the SRTP
/// key export, which happens inside NotifyHandshakeComplete (the master secret is cleared once the connection
/// closes). Corrupt records (bad MAC) are dropped, as RFC 6347 §4.1.2.7 says, instead of failing the connection.
/// Runs only on the handshake thread, then on the reader.
/// </summary>
internal sealed class DtlsSrtpTlsServer : DefaultTlsServer
{
    // ECDHE_ECDSA only: with an ECDSA certificate BouncyCastle's defaults (RSA suites first) cannot be served.
    private static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ];

    private readonly DtlsCertificate _certificate;
    private readonly byte[]? _expectedClientFingerprint;
    private readonly SrtpProfile[] _srtpProfiles;
    private readonly bool _requireSrtp;
    private readonly int _handshakeTimeoutMillis;

    public DtlsSrtpTlsServer(DtlsCertificate certificate, byte[]? expectedClientFingerprint, SrtpProfile[] srtpProfiles,
        bool requireSrtp, int handshakeTimeoutMillis)
        : base(new BcTlsCrypto(new SecureRandom()))
    {
        _handshakeTimeoutMillis = handshakeTimeoutMillis;
        _certificate = certificate;
        _expectedClientFingerprint = expectedClientFingerprint;
        _srtpProfiles = srtpProfiles;
        _requireSrtp = requireSrtp;
    }

    public SrtpProfile? SelectedSrtpProfile { get; private set; }

    public DtlsSrtpKeys? Keys { get; private set; }

    public string? ClientFingerprint { get; private set; }

    /// <summary>Why the handshake failed, in words; set by whichever side raised or received the alert.</summary>
    public string? FailureReason { get; private set; }

    public bool PeerClosed { get; private set; }

    // RFC 6347 §4.1.2.7: a record that fails its MAC is dropped; BouncyCastle's default fails the connection.
    public override bool IgnoreCorruptDtlsRecords => true;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.DownTo(ProtocolVersion.DTLSv10);

    public override int GetHandshakeTimeoutMillis() => _handshakeTimeoutMillis;

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto, CipherSuites);

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        _certificate.CreateSigner(m_context, (BcTlsCrypto)Crypto);

    public override CertificateRequest GetCertificateRequest()
    {
        List<SignatureAndHashAlgorithm>? signatureAlgorithms = null;
        if (TlsUtilities.IsTlsV12(m_context))
        {
            signatureAlgorithms = new List<SignatureAndHashAlgorithm>
            {
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.rsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha384, SignatureAlgorithm.rsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha512, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha512, SignatureAlgorithm.rsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha1, SignatureAlgorithm.ecdsa),
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha1, SignatureAlgorithm.rsa),
            };
        }
        return new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], signatureAlgorithms,
            (IList<X509Name>?)null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            FailureReason = "client sent no certificate";
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
        byte[] digest = DtlsFingerprint.Digest(clientCertificate.GetCertificateAt(0).GetEncoded());
        ClientFingerprint = DtlsFingerprint.Format(digest);
        if (_expectedClientFingerprint is not null && !CryptographicOperations.FixedTimeEquals(digest, _expectedClientFingerprint))
        {
            FailureReason = $"client certificate fingerprint {ClientFingerprint} does not match the expected one";
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        UseSrtpData? offered = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offered?.ProtectionProfiles is int[] clientProfiles)
        {
            foreach (SrtpProfile ours in _srtpProfiles)
            {
                if (Array.IndexOf(clientProfiles, (int)ours) >= 0)
                {
                    SelectedSrtpProfile = ours;
                    break;
                }
            }
        }
        if (SelectedSrtpProfile is null && _requireSrtp)
        {
            FailureReason = offered is null ? "client did not offer use_srtp" : "no common SRTP protection profile";
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        if (SelectedSrtpProfile is SrtpProfile profile)
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)profile], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        if (SelectedSrtpProfile is SrtpProfile profile)
        {
            byte[] material = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpProfileInfo.KeyingMaterialLength);
            Keys = DtlsSrtpKeys.FromKeyingMaterial(profile, material);
        }
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
    {
        if (alertLevel == AlertLevel.fatal)
            FailureReason ??= $"sent alert {AlertDescription.GetText(alertDescription)}" + (message is null ? "" : $": {message}");
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        if (alertDescription == AlertDescription.close_notify)
            PeerClosed = true;
        else if (alertLevel == AlertLevel.fatal)
            FailureReason ??= $"peer sent alert {AlertDescription.GetText(alertDescription)}";
    }
}
