using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// A BouncyCastle DTLS 1.2 client standing in for the browser: use_srtp, its own ECDSA certificate, and what the
/// handshake revealed (SRTP profile, keying material, the server's fingerprint, the last alert).
/// </summary>
public sealed class DtlsTestClient(DtlsCertificate certificate) : DefaultTlsClient(new BcTlsCrypto(new SecureRandom()))
{
    public DtlsCertificate Certificate { get; } = certificate;

    public int[] OfferedSrtpProfiles { get; init; } = [(int)SrtpProfile.Aes128CmHmacSha1_80, (int)SrtpProfile.Aes128CmHmacSha1_32];
    /// <summary>Refuse the server's certificate with bad_certificate, as a browser does when the fingerprint differs.</summary>
    public bool RejectServerCertificate { get; init; }

    public byte[]? ExportedKeyingMaterial { get; private set; }
    public int? SelectedSrtpProfile { get; private set; }
    public string? ServerFingerprint { get; private set; }
    public short? AlertReceived { get; private set; }

    /// <summary>Runs the (blocking) handshake over <paramref name="transport"/> on a thread of its own.</summary>
    public Task<DtlsTransport> ConnectAsync(DatagramTransport transport) => Task.Factory.StartNew(
        () => new DtlsClientProtocol().Connect(this, transport),
        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto,
        [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA]);

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        if (OfferedSrtpProfiles.Length > 0)
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(OfferedSrtpProfiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        UseSrtpData? data = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (data is not null) SelectedSrtpProfile = data.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        ExportedKeyingMaterial = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpProfileInfo.KeyingMaterialLength);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) => AlertReceived = alertDescription;

    /// <summary>The SRTP keys both ends derived, once the handshake negotiated a profile.</summary>
    public DtlsSrtpKeys? SrtpKeys() => ExportedKeyingMaterial is { } material && SelectedSrtpProfile is { } profile
        ? DtlsSrtpKeys.FromKeyingMaterial((SrtpProfile)profile, material)
        : null;

    private sealed class Authentication(DtlsTestClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            owner.ServerFingerprint = DtlsFingerprint.Compute(serverCertificate.Certificate.GetCertificateAt(0).GetEncoded());
            if (owner.RejectServerCertificate) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            owner.Certificate.CreateSigner(owner.m_context, (BcTlsCrypto)owner.Crypto);
    }
}
