using HeyGenEmulator.WebRtc.Sdp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sdp;

public class SdpAnswerTests
{
    private const string Fp =
        "sha-256 3C:4E:01:2A:9F:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:10:20:30:40:50:60:70:80:90:A0:B0";

    // Written by hand in the shape Chromium produces for a sendonly offer with audio + VP8 video.
    private static readonly string ChromiumAnswer = string.Join("\r\n",
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1",
        "a=extmap-allow-mixed",
        "a=msid-semantic: WMS",
        "m=audio 54321 UDP/TLS/RTP/SAVPF 111",
        "c=IN IP4 127.0.0.1",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 54321 typ host generation 0 network-id 1",
        "a=candidate:2999745851 1 udp 2122194687 192.168.1.5 54322 typ host generation 0 network-id 2",
        "a=candidate:842163049 1 udp 1686052607 203.0.113.7 61000 typ srflx raddr 192.168.1.5 rport 54322 generation 0 network-id 2",
        "a=ice-ufrag:BrWs",
        "a=ice-pwd:browserPassword0123456789+/",
        "a=ice-options:trickle",
        "a=fingerprint:" + Fp,
        "a=setup:active",
        "a=mid:0",
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "m=video 54321 UDP/TLS/RTP/SAVPF 96",
        "c=IN IP4 127.0.0.1",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 54321 typ host generation 0 network-id 1",
        "a=ice-ufrag:BrWs",
        "a=ice-pwd:browserPassword0123456789+/",
        "a=ice-options:trickle",
        "a=fingerprint:" + Fp,
        "a=setup:active",
        "a=mid:1",
        "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset",
        "a=extmap:13 urn:3gpp:video-orientation",
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:96 VP8/90000",
        "a=rtcp-fb:96 goog-remb",
        "a=rtcp-fb:96 nack",
        "a=rtcp-fb:96 nack pli",
        "a=rtcp-fb:96 ccm fir",
        "") ;

    private static SessionDescription Offer(SdpVideoCodec codec = SdpVideoCodec.Vp8, bool data = false) =>
        SdpParser.TryParse(SdpOfferBuilder.Build(SdpOfferBuilderTests.Options(codec, data)), out _)!;

    private static IReadOnlyList<SdpValidationError> ValidateText(string answer, SessionDescription? offer = null)
    {
        var parsed = SdpParser.TryParse(answer, out var error);
        Assert.True(parsed is not null, error);
        return SdpAnswerValidator.Validate(offer ?? Offer(), parsed);
    }

    [Fact]
    public void Chromium_answer_parses()
    {
        var a = SdpParser.TryParse(ChromiumAnswer, out var error);
        Assert.Null(error);
        Assert.NotNull(a);
        Assert.Equal(["0", "1"], a.BundleMids);
        Assert.False(a.IceLite);
        Assert.Equal(2, a.Media.Count);

        var audio = a.Media[0];
        Assert.Equal(SdpMediaKind.Audio, audio.Kind);
        Assert.Equal(54321, audio.Port);
        Assert.Equal("0", audio.Mid);
        Assert.Equal("recvonly", audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal("BrWs", a.EffectiveIceUfrag(audio));
        Assert.Equal("browserPassword0123456789+/", a.EffectiveIcePwd(audio));
        Assert.Equal(SdpSetup.Active, a.EffectiveSetup(audio));
        var fp = a.EffectiveFingerprint(audio)!;
        Assert.Equal("sha-256", fp.Algorithm);
        Assert.Equal(32, fp.Value.Length);
        Assert.Equal(0x3C, fp.Value[0]);
        var opus = audio.PayloadTypes.Single();
        Assert.Equal(new SdpPayloadType(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", opus.RtcpFeedback), opus);
        Assert.Equal(3, audio.Candidates.Count);
        var srflx = audio.Candidates[2];
        Assert.Equal("srflx", srflx.Type);
        Assert.Equal("192.168.1.5", srflx.RelatedAddress);
        Assert.Equal(54322, srflx.RelatedPort);
        Assert.Equal(1686052607u, srflx.Priority);

        var video = a.Media[1];
        Assert.Equal("1", video.Mid);
        var vp8 = video.PayloadTypes.Single();
        Assert.Equal("VP8", vp8.Codec);
        Assert.Equal(90000, vp8.ClockRate);
        Assert.Contains("nack pli", vp8.RtcpFeedback);
        Assert.Contains("extmap:14 urn:ietf:params:rtp-hdrext:toffset", video.Attributes);
        Assert.Equal(3, a.AllCandidates.Count);
        Assert.Empty(a.Problems);
    }

    [Fact]
    public void Chromium_answer_is_valid_for_our_offer()
    {
        Assert.Empty(ValidateText(ChromiumAnswer));
        Assert.Empty(SdpAnswerValidator.Validate(SdpOfferBuilder.Build(SdpOfferBuilderTests.Options()), ChromiumAnswer, out var parsed));
        Assert.NotNull(parsed);
    }

    [Fact]
    public void Lf_only_line_endings_are_accepted() => Assert.Empty(ValidateText(ChromiumAnswer.Replace("\r\n", "\n")));

    [Fact]
    public void Session_level_ice_and_fingerprint_are_inherited()
    {
        var moved = ChromiumAnswer
            .Replace("a=ice-ufrag:BrWs\r\n", "").Replace("a=ice-pwd:browserPassword0123456789+/\r\n", "")
            .Replace("a=fingerprint:" + Fp + "\r\n", "")
            .Replace("t=0 0\r\n", "t=0 0\r\na=ice-ufrag:BrWs\r\na=ice-pwd:browserPassword0123456789+/\r\na=fingerprint:" + Fp + "\r\n");
        var a = SdpParser.TryParse(moved, out _)!;
        Assert.Null(a.Media[0].IceUfrag);
        Assert.Equal("BrWs", a.EffectiveIceUfrag(a.Media[1]));
        Assert.Empty(SdpAnswerValidator.Validate(Offer(), a));
    }

    private static SdpErrorCode[] Codes(IReadOnlyList<SdpValidationError> errors) => errors.Select(e => e.Code).Distinct().ToArray();

    [Fact]
    public void Missing_ice_ufrag_is_named()
    {
        var errors = ValidateText(ChromiumAnswer.Replace("a=ice-ufrag:BrWs\r\n", ""));
        Assert.Equal(new[] { SdpErrorCode.MissingIceUfrag }, Codes(errors));
        Assert.Equal("missing ice-ufrag", errors[0].Message);
        Assert.Equal("0", errors[0].Mid);
    }

    [Fact]
    public void Missing_ice_pwd_is_named() =>
        Assert.Equal(new[] { SdpErrorCode.MissingIcePwd }, Codes(ValidateText(ChromiumAnswer.Replace("a=ice-pwd:browserPassword0123456789+/\r\n", ""))));

    [Fact]
    public void Short_ice_pwd_is_invalid() =>
        Assert.Equal(new[] { SdpErrorCode.InvalidIceCredentials }, Codes(ValidateText(ChromiumAnswer.Replace("browserPassword0123456789+/", "short"))));

    [Fact]
    public void Missing_fingerprint_is_named()
    {
        var errors = ValidateText(ChromiumAnswer.Replace("a=fingerprint:" + Fp + "\r\n", ""));
        Assert.Equal(new[] { SdpErrorCode.MissingFingerprint }, Codes(errors));
        Assert.Equal("missing fingerprint", errors[0].Message);
    }

    [Fact]
    public void Malformed_fingerprint_is_named() =>
        Assert.Equal(new[] { SdpErrorCode.InvalidFingerprint }, Codes(ValidateText(ChromiumAnswer.Replace(Fp, "sha-256 3C:4E:ZZ"))));

    [Fact]
    public void Sha1_fingerprint_is_unsupported() =>
        Assert.Equal(new[] { SdpErrorCode.UnsupportedFingerprintAlgorithm },
            Codes(ValidateText(ChromiumAnswer.Replace(Fp, "sha-1 " + string.Join(":", Enumerable.Repeat("AB", 20))))));

    [Theory]
    [InlineData("passive", SdpErrorCode.InvalidSetup)]
    [InlineData("actpass", SdpErrorCode.InvalidSetup)]
    [InlineData("bogus", SdpErrorCode.InvalidSetup)]
    public void Setup_must_be_active(string setup, SdpErrorCode code) =>
        Assert.Contains(code, Codes(ValidateText(ChromiumAnswer.Replace("a=setup:active", "a=setup:" + setup))));

    [Fact]
    public void No_common_video_codec_is_named()
    {
        var errors = ValidateText(ChromiumAnswer.Replace("UDP/TLS/RTP/SAVPF 96", "UDP/TLS/RTP/SAVPF 98").Replace("a=rtpmap:96 VP8/90000", "a=rtpmap:98 VP9/90000"));
        Assert.Equal(new[] { SdpErrorCode.NoCommonVideoCodec }, Codes(errors));
        Assert.Equal("no common video codec", errors[0].Message);
    }

    [Fact]
    public void Vp8_answer_to_h264_offer_has_no_common_video_codec() =>
        Assert.Equal(new[] { SdpErrorCode.NoCommonVideoCodec }, Codes(ValidateText(ChromiumAnswer, Offer(SdpVideoCodec.H264))));

    [Fact]
    public void No_common_audio_codec_is_named() =>
        Assert.Equal(new[] { SdpErrorCode.NoCommonAudioCodec },
            Codes(ValidateText(ChromiumAnswer.Replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 PCMU/8000"))));

    [Fact]
    public void Mid_mismatch_is_named()
    {
        var errors = ValidateText(ChromiumAnswer.Replace("a=mid:1", "a=mid:video"));
        Assert.Equal(new[] { SdpErrorCode.MidMismatch }, Codes(errors));
        Assert.StartsWith("answer mids do not match offer", errors[0].Message);
    }

    [Fact]
    public void Missing_section_is_a_mid_mismatch()
    {
        int video = ChromiumAnswer.IndexOf("m=video", StringComparison.Ordinal);
        Assert.Equal(new[] { SdpErrorCode.MidMismatch }, Codes(ValidateText(ChromiumAnswer[..video])));
        Assert.Equal(new[] { SdpErrorCode.MidMismatch }, Codes(ValidateText(ChromiumAnswer, Offer(data: true))));
    }

    [Fact]
    public void Rejected_section_missing_rtcp_mux_wrong_direction_and_unbundled_are_named()
    {
        Assert.Contains(SdpErrorCode.MediaRejected, Codes(ValidateText(ChromiumAnswer.Replace("m=video 54321", "m=video 0"))));
        Assert.Equal(new[] { SdpErrorCode.MissingRtcpMux }, Codes(ValidateText(ChromiumAnswer.Replace("a=rtcp-mux\r\n", ""))));
        Assert.Equal(new[] { SdpErrorCode.InvalidDirection }, Codes(ValidateText(ChromiumAnswer.Replace("a=recvonly", "a=sendrecv"))));
        Assert.Equal(new[] { SdpErrorCode.NotBundled }, Codes(ValidateText(ChromiumAnswer.Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"))));
    }

    [Fact]
    public void Malformed_candidate_in_answer_is_named() =>
        Assert.Equal(new[] { SdpErrorCode.InvalidCandidate },
            Codes(ValidateText(ChromiumAnswer.Replace("a=candidate:1467250027 1 udp 2122260223 127.0.0.1 54321 typ host", "a=candidate:1467250027 1 udp x 127.0.0.1 54321 typ host"))));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("v=1\r\n")]
    [InlineData("v=0\r\nthis is not sdp\r\n")]
    [InlineData("v=0\r\nm=audio\r\n")]
    [InlineData("v=0\r\nm=audio abc UDP/TLS/RTP/SAVPF 111\r\n")]
    [InlineData("v=0\r\nm=audio 70000 UDP/TLS/RTP/SAVPF 111\r\n")]
    public void Structurally_broken_sdp_fails_with_a_reason(string sdp)
    {
        Assert.Null(SdpParser.TryParse(sdp, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        var errors = SdpAnswerValidator.Validate(SdpOfferBuilder.Build(SdpOfferBuilderTests.Options()), sdp, out var parsed);
        Assert.Null(parsed);
        Assert.Equal(SdpErrorCode.Malformed, Assert.Single(errors).Code);
    }

    [Fact]
    public void Random_mutations_never_throw()
    {
        var rng = new Random(99);
        var offer = Offer();
        for (int i = 0; i < 2000; i++)
        {
            var chars = ChromiumAnswer.ToCharArray();
            for (int k = 0; k < 5; k++) chars[rng.Next(chars.Length)] = (char)rng.Next(0, 128);
            var parsed = SdpParser.TryParse(new string(chars), out _);
            if (parsed is not null) _ = SdpAnswerValidator.Validate(offer, parsed);
        }
    }
}
