using System.Net;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Testing;
using HeyGenEmulator.WebRtc.Stun;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Ice;

public class IceLiteResponderTests
{
    private static readonly IceCredentials Server = new("srvU", "server-password-0123456789");
    private static readonly IceCredentials Browser = new("brwU", "browser-password-0123456789");
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("192.168.1.20"), 54321);

    private static byte[] Request(string username = "srvU:brwU", string pwd = "server-password-0123456789",
        bool useCandidate = false, bool integrity = true, bool fingerprint = true, ushort type = StunMessageType.BindingRequest)
    {
        var b = new StunMessageBuilder(type, StunMessageBuilder.NewTransactionId())
            .AddUsername(username).AddPriority(IceControllingClient.HostPriority).AddIceControlling(42);
        if (useCandidate) b.AddUseCandidate();
        if (integrity) b.AddMessageIntegrity(pwd);
        if (fingerprint) b.AddFingerprint();
        return b.ToArray();
    }

    [Fact]
    public void Valid_check_gets_authenticated_response_with_mapped_address()
    {
        var responder = new IceLiteResponder(Server);
        var request = Request();
        var result = responder.Process(request, Remote);

        Assert.Equal(IceCheckOutcome.Success, result.Outcome);
        Assert.Equal("brwU", result.RemoteUfrag);
        Assert.False(result.UseCandidate);
        var response = StunMessage.Parse(result.Response!);
        Assert.NotNull(response);
        Assert.Equal(StunMessageType.BindingSuccess, response.Type);
        Assert.Equal(StunMessage.Parse(request)!.TransactionIdBytes, response.TransactionIdBytes);
        Assert.Equal(Remote, response.XorMappedAddress);
        Assert.True(response.VerifyMessageIntegrity(Server.Pwd));
        Assert.True(response.VerifyFingerprint());
        Assert.Equal(StunAttributeType.Fingerprint, response.Attributes[^1].Type);
        Assert.Equal(StunAttributeType.MessageIntegrity, response.Attributes[^2].Type);
        Assert.Null(responder.NominatedRemote);
        Assert.Equal(Remote, responder.LastValidatedRemote);
    }

    [Fact]
    public void Ipv6_remote_is_reflected()
    {
        var remote6 = new IPEndPoint(IPAddress.Parse("fd00::1234"), 40000);
        var result = new IceLiteResponder(Server).Process(Request(), remote6);
        Assert.Equal(remote6, StunMessage.Parse(result.Response!)!.XorMappedAddress);
    }

    [Fact]
    public void Use_candidate_nominates_the_remote()
    {
        var responder = new IceLiteResponder(Server);
        var result = responder.Process(Request(useCandidate: true), Remote);
        Assert.True(result.UseCandidate);
        Assert.Equal(Remote, responder.NominatedRemote);
    }

    [Theory]
    [InlineData("other:brwU", IceCheckOutcome.UnknownUsername)]
    [InlineData("srvU", IceCheckOutcome.UnknownUsername)]
    [InlineData("srvU:", IceCheckOutcome.UnknownUsername)]
    [InlineData(":brwU", IceCheckOutcome.UnknownUsername)]
    public void Wrong_usernames_are_rejected(string username, IceCheckOutcome expected)
    {
        var result = new IceLiteResponder(Server).Process(Request(username), Remote);
        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.Response);
    }

    [Fact]
    public void Expected_remote_ufrag_is_enforced_once_known()
    {
        var responder = new IceLiteResponder(Server, expectedRemoteUfrag: "brwU");
        Assert.True(responder.Process(Request("srvU:brwU"), Remote).IsSuccess);
        Assert.Equal(IceCheckOutcome.UnknownUsername, responder.Process(Request("srvU:evil"), Remote).Outcome);
    }

    [Fact]
    public void Wrong_password_fails_integrity() =>
        Assert.Equal(IceCheckOutcome.BadMessageIntegrity,
            new IceLiteResponder(Server).Process(Request(pwd: Browser.Pwd), Remote).Outcome);

    [Fact]
    public void Missing_integrity_is_rejected() =>
        Assert.Equal(IceCheckOutcome.MissingMessageIntegrity,
            new IceLiteResponder(Server).Process(Request(integrity: false), Remote).Outcome);

    [Fact]
    public void Missing_fingerprint_is_rejected() =>
        Assert.Equal(IceCheckOutcome.MissingFingerprint,
            new IceLiteResponder(Server).Process(Request(fingerprint: false), Remote).Outcome);

    [Fact]
    public void Corrupted_fingerprint_is_rejected()
    {
        var bytes = Request();
        bytes[^1] ^= 0x01;
        Assert.Equal(IceCheckOutcome.BadFingerprint, new IceLiteResponder(Server).Process(bytes, Remote).Outcome);
    }

    [Fact]
    public void Non_requests_and_garbage_are_rejected()
    {
        var responder = new IceLiteResponder(Server);
        Assert.Equal(IceCheckOutcome.NotBindingRequest,
            responder.Process(Request(type: StunMessageType.BindingIndication), Remote).Outcome);
        Assert.Equal(IceCheckOutcome.NotStun, responder.Process(new byte[] { 0, 1, 2 }, Remote).Outcome);
        Assert.Equal(IceCheckOutcome.NotStun, responder.Process(ReadOnlySpan<byte>.Empty, Remote).Outcome);
        Assert.Null(responder.LastValidCheckAt);
    }

    [Fact]
    public void Consent_expires_after_timeout_without_valid_checks()
    {
        var clock = new ManualTimeProvider();
        var responder = new IceLiteResponder(Server, timeProvider: clock);
        Assert.False(responder.IsConsentExpired);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(responder.Process(Request(), Remote).IsSuccess);
        Assert.Equal(clock.GetUtcNow(), responder.LastValidCheckAt);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(responder.IsConsentExpired);
        // A failed check does not refresh consent.
        responder.Process(Request(pwd: "wrong-password-wrong-password"), Remote);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(responder.IsConsentExpired);

        Assert.True(responder.Process(Request(), Remote).IsSuccess);
        Assert.False(responder.IsConsentExpired);
    }

    [Fact]
    public void Consent_expires_if_no_check_ever_arrives()
    {
        var clock = new ManualTimeProvider();
        var responder = new IceLiteResponder(Server, timeProvider: clock, consentTimeout: TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(responder.IsConsentExpired);
    }

    [Fact]
    public void Controlling_client_accepts_responder_reply_and_rejects_forgeries()
    {
        var client = new IceControllingClient(Browser, Server);
        var request = client.CreateBindingRequest(useCandidate: true);
        var responder = new IceLiteResponder(Server);
        var result = responder.Process(request, Remote);
        Assert.True(result.IsSuccess);
        Assert.True(result.UseCandidate);

        var parsed = client.TryParseResponse(result.Response!);
        Assert.NotNull(parsed);
        Assert.Equal(Remote, parsed.MappedAddress);
        // Replays of an answered transaction and responses to unknown transactions are ignored.
        Assert.Null(client.TryParseResponse(result.Response!));
        var stray = new StunMessageBuilder(StunMessageType.BindingSuccess, StunMessageBuilder.NewTransactionId())
            .AddMessageIntegrity(Server.Pwd).AddFingerprint().ToArray();
        Assert.Null(client.TryParseResponse(stray));
    }
}
