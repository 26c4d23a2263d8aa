using HeyGenEmulator.WebRtc.Srtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Srtp;

public class SrtpRfcVectorTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    [Fact]
    public void AesCounterMode_matches_rfc3711_appendix_b2_keystream()
    {
        using var aes = new AesCounterMode(Hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] keystream = new byte[48];
        aes.Keystream(Hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), keystream);
        Assert.Equal(
            Hex("E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0"),
            keystream);
    }

    [Fact]
    public void AesCounterMode_keystream_for_last_counter_blocks_of_b2()
    {
        // B.2 also lists the blocks for counters FEFF and FF00 (IV low bytes start there).
        using var aes = new AesCounterMode(Hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] keystream = new byte[32];
        aes.Keystream(Hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF"), keystream);
        Assert.Equal(Hex("EC8CDF7398607CB0F2D21675EA9EA1E4 362B7C3C6773516318A077D7FC5073AE"), keystream);
    }

    [Fact]
    public void KeyDerivation_matches_rfc3711_appendix_b3()
    {
        var keys = SrtpSessionKeys.Derive(Hex("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex("0EC675AD498AFEEBB6960B3AABE6"));
        Assert.Equal(Hex("C61E7A93744F39EE10734AFE3FF7A087"), keys.RtpEncryptionKey);
        Assert.Equal(Hex("30CBBC08863D8C85D49DB34A9AE1"), keys.RtpSalt);
        Assert.Equal(Hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.RtpAuthKey);
    }

    // libsrtp's srtp_driver reference packets (same master key/salt as B.3, SSRC 0xCAFEBABE).
    private static SrtpContext LibSrtpContext(SrtpProfile profile = SrtpProfile.Aes128CmHmacSha1_80) =>
        new(profile, Hex("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex("0EC675AD498AFEEBB6960B3AABE6"));

    private const string RtpPlain = "800f1234decafbadcafebabeabababababababababababababababab";
    private const string RtpProtected = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
    private const string RtcpPlain = "81c8000bcafebabeabababababababababababababababab";
    private const string RtcpProtected = "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

    [Fact]
    public void ProtectRtp_matches_libsrtp_reference_packet()
    {
        using var ctx = LibSrtpContext();
        Assert.Equal(Hex(RtpProtected), ctx.ProtectRtp(Hex(RtpPlain)));
    }

    [Fact]
    public void UnprotectRtp_matches_libsrtp_reference_packet()
    {
        using var ctx = LibSrtpContext();
        Assert.Equal(Hex(RtpPlain), ctx.UnprotectRtp(Hex(RtpProtected)));
    }

    [Fact]
    public void ProtectRtcp_with_index_1_matches_libsrtp_reference_packet()
    {
        using var ctx = LibSrtpContext();
        Assert.Equal(Hex(RtcpProtected), ctx.ProtectRtcp(Hex(RtcpPlain), 1));
    }

    [Fact]
    public void UnprotectRtcp_matches_libsrtp_reference_packet()
    {
        using var ctx = LibSrtpContext();
        Assert.Equal(Hex(RtcpPlain), ctx.UnprotectRtcp(Hex(RtcpProtected)));
    }

    [Fact]
    public void Sha1_32_profile_truncates_the_rtp_tag_to_4_bytes_but_keeps_80_bits_on_rtcp()
    {
        using var ctx = LibSrtpContext(SrtpProfile.Aes128CmHmacSha1_32);
        byte[] rtp = ctx.ProtectRtp(Hex(RtpPlain))!;
        Assert.Equal(Hex(RtpProtected)[..^6], rtp); // same keystream, first 4 bytes of the same tag
        Assert.Equal(Hex(RtcpProtected), ctx.ProtectRtcp(Hex(RtcpPlain), 1));
    }
}
