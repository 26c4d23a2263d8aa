using HeyGenEmulator.WebRtc.Sdp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sdp;

public class SdpCandidateTests
{
    [Fact]
    public void Trickled_host_candidate_parses()
    {
        var c = SdpCandidate.TryParse("candidate:3442447574 1 udp 2122260223 127.0.0.1 54321 typ host generation 0 ufrag BrWs network-id 1", out var error);
        Assert.Null(error);
        Assert.NotNull(c);
        Assert.Equal("3442447574", c.Foundation);
        Assert.Equal(1, c.Component);
        Assert.Equal("udp", c.Transport);
        Assert.Equal(2122260223u, c.Priority);
        Assert.Equal("127.0.0.1", c.Address);
        Assert.Equal(54321, c.Port);
        Assert.Equal("host", c.Type);
        Assert.Equal("BrWs", c.Extensions!["ufrag"]);
        Assert.Equal("0", c.Extensions["generation"]);
    }

    [Fact]
    public void A_prefix_mdns_and_ipv6_and_relay_forms_parse()
    {
        Assert.NotNull(SdpCandidate.TryParse("a=candidate:1 1 UDP 2122260223 1f4712db-ea17-4bcf-a596-105139dfd8bf.local 54321 typ host", out _));
        Assert.NotNull(SdpCandidate.TryParse("candidate:2 1 udp 2122197247 fd00::1 40000 typ host", out _));
        var relay = SdpCandidate.TryParse("candidate:3 1 udp 41885439 198.51.100.1 3478 typ relay raddr 203.0.113.7 rport 61000", out _);
        Assert.Equal(61000, relay!.RelatedPort);
    }

    [Fact]
    public void Round_trips_through_attribute_value()
    {
        var c = new SdpCandidate("1", 1, "udp", SdpCandidate.HostPriority(), "10.0.0.1", 5000, "host");
        Assert.Equal("candidate:1 1 udp 2130706431 10.0.0.1 5000 typ host", c.ToAttributeValue());
        var back = SdpCandidate.TryParse(c.ToAttributeValue(), out _)!;
        Assert.Equal(c.ToAttributeValue(), back.ToAttributeValue());
    }

    [Theory]
    [InlineData(null, "empty candidate")]
    [InlineData("", "empty candidate")]
    [InlineData("1 1 udp 2122260223 127.0.0.1 54321 typ host", "does not start with 'candidate:'")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 54321 typ", "too few fields")]
    [InlineData("candidate:1 0 udp 2122260223 127.0.0.1 54321 typ host", "bad component id")]
    [InlineData("candidate:1 1 sctp 2122260223 127.0.0.1 54321 typ host", "unsupported transport 'sctp'")]
    [InlineData("candidate:1 1 udp -5 127.0.0.1 54321 typ host", "bad priority")]
    [InlineData("candidate:1 1 udp 99999999999 127.0.0.1 54321 typ host", "bad priority")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 65536 typ host", "bad port")]
    [InlineData("candidate:1 1 udp 2122260223 bad_addr! 54321 typ host", "bad connection address")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 54321 type host", "missing 'typ'")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 54321 typ weird", "unknown candidate type 'weird'")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host generation", "attribute 'generation' has no value")]
    [InlineData("candidate:1 1 udp 2122260223 127.0.0.1 54321 typ srflx raddr 1.2.3.4 rport x", "bad rport")]
    public void Malformed_candidates_are_rejected_with_reason(string? text, string reason)
    {
        Assert.Null(SdpCandidate.TryParse(text, out var error));
        Assert.Equal(reason, error);
    }
}
