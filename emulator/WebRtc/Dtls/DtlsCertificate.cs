using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using TlsCertificate = Org.BouncyCastle.Tls.Certificate;
using BcHashAlgorithm = Org.BouncyCastle.Tls.HashAlgorithm;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// A self-signed ECDSA P-256 certificate (named curve, SHA256withECDSA) for DTLS, as browsers generate for
/// WebRTC. Key generation costs a few milliseconds, so one process-wide instance (<see cref="Shared"/>) serves
/// every connection; peers authenticate it by the fingerprint in the SDP, not by its name or validity.
/// Immutable and thread-safe.
/// </summary>
public sealed class DtlsCertificate
{
    private static readonly Lazy<DtlsCertificate> SharedInstance = new(() => Generate(), LazyThreadSafetyMode.ExecutionAndPublication);

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        DerEncoded = der;
        PrivateKey = privateKey;
        FingerprintBytes = DtlsFingerprint.Digest(der);
        Fingerprint = DtlsFingerprint.Format(FingerprintBytes);
    }

    /// <summary>The certificate created once for this process.</summary>
    public static DtlsCertificate Shared => SharedInstance.Value;

    /// <summary>The DER encoding; its SHA-256 is the fingerprint.</summary>
    public byte[] DerEncoded { get; }

    /// <summary>SHA-256 fingerprint in SDP form, e.g. <c>3A:9F:…</c>; put it in <c>a=fingerprint:sha-256 …</c>.</summary>
    public string Fingerprint { get; }

    public static string FingerprintAlgorithm => DtlsFingerprint.Algorithm;

    internal byte[] FingerprintBytes { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>
    /// Credentials that sign this end's handshake (sha256/ecdsa) with this certificate, for one connection's crypto
    /// and context: BouncyCastle binds a certificate to the crypto that parsed it.
    /// </summary>
    internal TlsCredentialedSigner CreateSigner(TlsContext context, BcTlsCrypto crypto) =>
        new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, PrivateKey,
            new TlsCertificate([crypto.CreateCertificate(DerEncoded)]),
            new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.ecdsa));

    /// <summary>Creates a fresh certificate (tests, or a peer that must not share the process identity).</summary>
    public static DtlsCertificate Generate(string commonName = "WebRTC")
    {
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator("EC");
        // Passing the curve OID (not raw parameters) makes the SubjectPublicKeyInfo name the curve, which browsers need.
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        AsymmetricCipherKeyPair keyPair = generator.GenerateKeyPair();

        var name = new X509Name("CN=" + commonName);
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ProbablePrime(64, random));
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddDays(365));
        builder.SetPublicKey(keyPair.Public);
        X509Certificate certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), keyPair.Private);
    }
}
