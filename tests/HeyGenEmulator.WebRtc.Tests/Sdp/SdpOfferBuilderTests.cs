using HeyGenEmulator.WebRtc.Sdp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sdp;

public class SdpOfferBuilderTests
{
    internal static readonly byte[] Digest = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    internal static SdpOfferOptions Options(SdpVideoCodec codec = SdpVideoCodec.Vp8, bool data = false) => new()
    {
        IceUfrag = "SrvU",
        IcePwd = "serverPassword0123456789+/",
        Fingerprint = SdpFingerprint.Sha256(Digest),
        ConnectionAddress = "127.0.0.1",
        Port = 50000,
        Candidates = [new SdpHostCandidate("127.0.0.1", 50000)],
        SessionId = 123456789,
        VideoCodec = codec,
        AudioSsrc = 1111,
        VideoSsrc = 2222,
        Cname = "cn",
        StreamId = "s1",
        AudioTrackId = "a1",
        VideoTrackId = "v1",
        IncludeDataChannel = data,
    };

    [Fact]
    public void Vp8_offer_matches_line_by_line()
    {
        string fp = string.Join(":", Digest.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var expected = new[]
        {
            "v=0",
            "o=- 123456789 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=ice-lite",
            "a=msid-semantic: WMS s1",
            "m=audio 50000 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 127.0.0.1",
            "a=mid:0",
            "a=ice-ufrag:SrvU",
            "a=ice-pwd:serverPassword0123456789+/",
            "a=fingerprint:sha-256 " + fp,
            "a=setup:actpass",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host",
            "a=end-of-candidates",
            "a=sendonly",
            "a=rtcp-mux",
            "a=msid:s1 a1",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=ssrc:1111 cname:cn",
            "a=ssrc:1111 msid:s1 a1",
            "m=video 50000 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 127.0.0.1",
            "a=mid:1",
            "a=ice-ufrag:SrvU",
            "a=ice-pwd:serverPassword0123456789+/",
            "a=fingerprint:sha-256 " + fp,
            "a=setup:actpass",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host",
            "a=end-of-candidates",
            "a=sendonly",
            "a=rtcp-mux",
            "a=msid:s1 v1",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtcp-fb:96 ccm fir",
            "a=ssrc:2222 cname:cn",
            "a=ssrc:2222 msid:s1 v1",
        };
        var sdp = SdpOfferBuilder.Build(Options());
        Assert.EndsWith("\r\n", sdp);
        Assert.DoesNotContain("\n", sdp.Replace("\r\n", ""));
        Assert.Equal(expected, sdp.Split("\r\n")[..^1]);
    }

    [Fact]
    public void H264_offer_with_data_channel_and_passive_setup()
    {
        var sdp = SdpOfferBuilder.Build(Options(SdpVideoCodec.H264, data: true) with { Setup = SdpSetup.Passive });
        var lines = sdp.Split("\r\n");
        Assert.Contains("a=group:BUNDLE 0 1 2", lines);
        Assert.Contains("m=video 50000 UDP/TLS/RTP/SAVPF 102", lines);
        Assert.Contains("a=rtpmap:102 H264/90000", lines);
        Assert.Contains("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", lines);
        Assert.Contains("a=rtcp-fb:102 nack pli", lines);
        Assert.Contains("a=rtcp-fb:102 ccm fir", lines);
        Assert.Equal(3, lines.Count(l => l == "a=setup:passive"));
        int app = Array.IndexOf(lines, "m=application 50000 UDP/DTLS/SCTP webrtc-datachannel");
        Assert.True(app > 0);
        var appLines = lines[app..];
        Assert.Contains("a=mid:2", appLines);
        Assert.Contains("a=sctp-port:5000", appLines);
        Assert.Contains("a=max-message-size:262144", appLines);
        Assert.DoesNotContain("a=sendonly", appLines);
        Assert.DoesNotContain(lines, l => l.StartsWith("a=rtcp-fb:111", StringComparison.Ordinal));
    }

    [Fact]
    public void Offer_parses_back_with_our_own_parser()
    {
        var offer = SdpParser.TryParse(SdpOfferBuilder.Build(Options(data: true)), out var error);
        Assert.Null(error);
        Assert.NotNull(offer);
        Assert.True(offer.IceLite);
        Assert.Equal(["0", "1", "2"], offer.BundleMids);
        Assert.Equal(new SdpMediaKind?[] { SdpMediaKind.Audio, SdpMediaKind.Video, SdpMediaKind.Application }, offer.Media.Select(m => m.Kind));
        Assert.All(offer.Media, m => Assert.Equal(SdpFingerprint.Sha256(Digest), m.Fingerprint));
        Assert.Equal("opus", offer.Media[0].PayloadTypes.Single().Codec);
        Assert.Equal(3, offer.Media[1].PayloadTypes.Single().RtcpFeedback.Count);
        Assert.Empty(offer.Problems);
    }

    [Fact]
    public void Audio_only_and_ipv6_offers()
    {
        var sdp = SdpOfferBuilder.Build(Options() with { IncludeVideo = false, ConnectionAddress = "::1", Candidates = [new("::1", 50000)] });
        var lines = sdp.Split("\r\n");
        Assert.Contains("a=group:BUNDLE 0", lines);
        Assert.Contains("c=IN IP6 ::1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("m=video", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SdpOfferBuilder.Build(Options() with { Setup = SdpSetup.Active }));
        Assert.Throws<ArgumentException>(() => SdpOfferBuilder.Build(Options() with { IncludeAudio = false, IncludeVideo = false }));
        Assert.Throws<ArgumentException>(() => SdpOfferBuilder.Build(Options() with { StreamId = "a b" }));
    }
}
