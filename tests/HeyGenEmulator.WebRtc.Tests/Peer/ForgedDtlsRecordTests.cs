using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Testing;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>
/// RFC 6347 §4.1.2.7: a DTLS record that fails its MAC is dropped, not answered with a fatal alert. The forged record
/// comes from the session's own ICE-validated address (the only one the UDP mux lets reach its DTLS), after the
/// handshake, with a header the record layer accepts (application data, DTLS 1.2, the current epoch 1).
/// </summary>
public class ForgedDtlsRecordTests
{
    /// <summary>Application data, DTLS 1.2, epoch 1, a sequence number far ahead of any the peer used, and a GCM-sized
    /// body (explicit nonce, ciphertext, tag) of random bytes: it passes every check up to the MAC.</summary>
    internal static byte[] ForgedApplicationDataRecord(int seed, byte minorVersion = 0xFD)
    {
        const int bodyLength = 8 + 16 + 16;
        byte[] record = new byte[13 + bodyLength];
        record[0] = 23;
        record[1] = 0xFE;
        record[2] = minorVersion;
        record[4] = 1;                       // epoch 1: the keys the handshake set up
        record[8] = 0x10;                    // sequence number 0x10000
        record[11] = 0;
        record[12] = bodyLength;
        new Random(seed).NextBytes(record.AsSpan(13));
        return record;
    }

    [Fact]
    public async Task A_record_with_a_bad_mac_from_the_peers_own_address_is_dropped_and_media_keeps_flowing()
    {
        await using var session = await LoopbackSession.ConnectAsync(new SyntheticSource());
        var light = session.Light;
        await Poll.Until(() => light.VideoPackets >= 5, "media flowing");

        for (int i = 0; i < 3; i++) await light.SendRawAsync(ForgedApplicationDataRecord(i));
        long afterForgery = light.VideoPackets;

        // 25 fps: 50 more packets take about two seconds; a session whose DTLS ended sends none.
        await Poll.Until(() => light.VideoPackets >= afterForgery + 50 || session.Peer.State == PeerState.Closed, "media after the forged records");
        Assert.Null(session.Peer.EndReason);
        Assert.Equal(PeerState.Streaming, session.Peer.State);
        Assert.True(light.VideoPackets >= afterForgery + 50);
    }
}
