using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

public class HandshakeTests
{
    private const uint ChromeTag = 0x11223344;

    // What Chromium 156 (dcSCTP) sends: Forward-TSN-Supported and Supported Extensions [RE-CONFIG, FORWARD-TSN].
    private static byte[] ChromiumInit() => new SctpPacket(5000, 5000, 0,
    [
        new InitChunk(false, ChromeTag, 131072, 65535, 65535, 1000,
        [
            new SctpParameter(SctpParameter.ForwardTsnSupported, []),
            new SctpParameter(SctpParameter.SupportedExtensions, [0x82, 0xC0]),
        ]).ToChunk(),
    ]).ToArray();

    private static (SctpAssociation association, List<byte[]> sent, FakeTimeProvider time) Passive()
    {
        var sent = new List<byte[]>();
        var time = new FakeTimeProvider();
        return (new SctpAssociation(sent.Add, time), sent, time);
    }

    private static InitChunk SingleInitAck(byte[] packetBytes, out SctpPacket packet)
    {
        Assert.True(SctpPacket.TryParse(packetBytes, out var parsed));
        packet = parsed;
        var chunk = Assert.Single(packet.Chunks);
        Assert.True(InitChunk.TryParse(chunk, out var initAck));
        Assert.True(initAck.IsAck);
        return initAck;
    }

    [Fact]
    public void Chromium_like_init_is_answered_with_init_ack_advertising_the_same_extensions()
    {
        var (association, sent, _) = Passive();
        association.HandlePacket(ChromiumInit());

        var initAck = SingleInitAck(Assert.Single(sent), out var packet);
        Assert.Equal(ChromeTag, packet.VerificationTag);
        Assert.NotEqual(0u, initAck.InitiateTag);
        Assert.Equal(65535, initAck.OutboundStreams);
        Assert.Equal(65535, initAck.InboundStreams);
        Assert.NotNull(initAck.StateCookie);
        Assert.Contains(initAck.Parameters, p => p.Type == SctpParameter.ForwardTsnSupported && p.Value.Length == 0);
        var extensions = Assert.Single(initAck.Parameters, p => p.Type == SctpParameter.SupportedExtensions);
        Assert.Equal(new byte[] { 0x82, 0xC0 }, extensions.Value);
        Assert.Equal(SctpAssociationState.Closed, association.State); // stateless until the cookie comes back
    }

    [Fact]
    public void Valid_cookie_echo_establishes_and_gets_cookie_ack()
    {
        var (association, sent, _) = Passive();
        bool established = false;
        association.Established += () => established = true;
        association.HandlePacket(ChromiumInit());
        var initAck = SingleInitAck(sent[0], out _);

        association.HandlePacket(new SctpPacket(5000, 5000, initAck.InitiateTag, [new SctpChunk(SctpChunkType.CookieEcho, 0, initAck.StateCookie!)]).ToArray());

        Assert.True(established);
        Assert.Equal(SctpAssociationState.Established, association.State);
        Assert.True(SctpPacket.TryParse(sent[1], out var ack));
        Assert.Equal(ChromeTag, ack.VerificationTag);
        Assert.Equal(SctpChunkType.CookieAck, Assert.Single(ack.Chunks).ChunkType);
    }

    [Fact]
    public void Forged_cookie_is_rejected_and_counted()
    {
        var (association, sent, _) = Passive();
        association.HandlePacket(ChromiumInit());
        var initAck = SingleInitAck(sent[0], out _);
        var forged = (byte[])initAck.StateCookie!.Clone();
        forged[5] ^= 0x01; // flip a bit in the peer tag field

        association.HandlePacket(new SctpPacket(5000, 5000, initAck.InitiateTag, [new SctpChunk(SctpChunkType.CookieEcho, 0, forged)]).ToArray());

        Assert.Equal(SctpAssociationState.Closed, association.State);
        Assert.Single(sent);
        Assert.Equal(1, association.Counters.CookiesRejected);
    }

    [Fact]
    public void Expired_cookie_is_rejected()
    {
        var (association, sent, time) = Passive();
        association.HandlePacket(ChromiumInit());
        var initAck = SingleInitAck(sent[0], out _);
        time.Advance(TimeSpan.FromMinutes(2));

        association.HandlePacket(new SctpPacket(5000, 5000, initAck.InitiateTag, [new SctpChunk(SctpChunkType.CookieEcho, 0, initAck.StateCookie!)]).ToArray());

        Assert.Equal(SctpAssociationState.Closed, association.State);
        Assert.Equal(1, association.Counters.CookiesRejected);
    }

    [Fact]
    public void Init_with_nonzero_verification_tag_is_dropped()
    {
        var (association, sent, _) = Passive();
        var bytes = ChromiumInit();
        bytes[7] = 1;
        SctpCrc32c.WritePacketChecksum(bytes);
        association.HandlePacket(bytes);
        Assert.Empty(sent);
        Assert.Equal(1, association.Counters.PacketsDropped);
    }

    [Fact]
    public void Active_and_passive_associations_complete_the_four_way_handshake()
    {
        var pair = new AssociationPair();
        pair.Connect();
        Assert.Equal(SctpAssociationState.Established, pair.Active.State);
        Assert.Equal(SctpAssociationState.Established, pair.Passive.State);
        Assert.Equal(2, pair.ActiveSent.Count);  // INIT, COOKIE-ECHO
        Assert.Equal(2, pair.PassiveSent.Count); // INIT-ACK, COOKIE-ACK
    }

    [Fact]
    public void Lost_init_is_retransmitted_after_the_rto()
    {
        var pair = new AssociationPair();
        int n = 0;
        pair.Drop = (_, _) => n++ == 0;
        pair.Connect();
        Assert.Equal(SctpAssociationState.Established, pair.Passive.State);
        Assert.Equal(1, pair.DroppedCount);
    }
}
