using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Srtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Dtls;

public class DtlsCertificateTests
{
    [Fact]
    public void Certificate_is_self_signed_ecdsa_p256_named_curve_with_sha256()
    {
        using var cert = X509CertificateLoader.LoadCertificate(DtlsCertificate.Shared.DerEncoded);
        Assert.Equal("1.2.840.10045.4.3.2", cert.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        using ECDsa key = cert.GetECDsaPublicKey()!;
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value); // prime256v1 by name
        Assert.Equal(cert.Subject, cert.Issuer);
        var parsed = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(DtlsCertificate.Shared.DerEncoded);
        parsed.Verify(parsed.GetPublicKey()); // throws unless signed by its own key
    }

    [Fact]
    public void Fingerprint_is_uppercase_colon_separated_sha256_of_the_der()
    {
        DtlsCertificate cert = DtlsCertificate.Shared;
        string expected = string.Join(':', SHA256.HashData(cert.DerEncoded).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, cert.Fingerprint);
        Assert.Equal(95, cert.Fingerprint.Length);
        Assert.Equal("sha-256", DtlsCertificate.FingerprintAlgorithm);
    }

    [Fact]
    public void Shared_is_created_once_and_generate_makes_new_ones()
    {
        Assert.Same(DtlsCertificate.Shared, DtlsCertificate.Shared);
        Assert.NotEqual(DtlsCertificate.Shared.Fingerprint, DtlsCertificate.Generate().Fingerprint);
    }

    [Theory]
    [InlineData("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89")]
    [InlineData("sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData(" SHA-256  AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89 ")]
    public void Fingerprint_parses_the_sdp_forms(string text)
    {
        Assert.True(DtlsFingerprint.TryParse(text, out byte[] digest));
        Assert.Equal("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", DtlsFingerprint.Format(digest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01")]
    [InlineData("ZZ:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("ABC:D:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:00")]
    public void Fingerprint_rejects_anything_else(string? text)
    {
        Assert.False(DtlsFingerprint.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => DtlsFingerprint.Parse(text));
    }

    [Fact]
    public void Srtp_keys_follow_the_rfc5764_layout()
    {
        byte[] material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();
        var keys = DtlsSrtpKeys.FromKeyingMaterial(SrtpProfile.Aes128CmHmacSha1_80, material);
        Assert.Equal(material[0..16], keys.ClientWriteKey);
        Assert.Equal(material[16..32], keys.ServerWriteKey);
        Assert.Equal(material[32..46], keys.ClientWriteSalt);
        Assert.Equal(material[46..60], keys.ServerWriteSalt);
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeys.FromKeyingMaterial(SrtpProfile.Aes128CmHmacSha1_80, new byte[59]));
    }

    [Theory]
    [InlineData(new byte[] { 22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA }, true)]
    [InlineData(new byte[] { 22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0xAA }, false)] // length past the end
    [InlineData(new byte[] { 0x80, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA }, false)] // RTP range
    [InlineData(new byte[] { 0, 1, 0, 0, 0x21, 0x12, 0xA4, 0x42, 0, 0, 0, 0, 0, 0 }, false)] // STUN
    [InlineData(new byte[] { 23, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA }, false)] // TLS, not DTLS
    public void Record_filter_passes_only_well_framed_dtls(byte[] datagram, bool expected)
    {
        Assert.Equal(expected, DtlsRecordFilter.LooksLikeDtls(datagram));
    }
}
