using System.Buffers.Binary;
using HeyGenEmulator.WebRtc.Srtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Srtp;

public class SrtpContextTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Salt = Enumerable.Range(100, 14).Select(i => (byte)i).ToArray();

    private static SrtpContext NewContext(SrtpProfile profile = SrtpProfile.Aes128CmHmacSha1_80) => new(profile, Key, Salt);

    private static byte[] Rtp(ushort seq, uint ssrc = 0x11223344, int payload = 100, byte fill = 0x5A)
    {
        byte[] p = new byte[12 + payload];
        p[0] = 0x80;
        p[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), seq * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), ssrc);
        p.AsSpan(12).Fill(fill);
        return p;
    }

    private static byte[] ReceiverReport(uint ssrc = 0x55667788)
    {
        // RR with one report block, as the browser sends about once a second.
        byte[] p = new byte[32];
        p[0] = 0x81;
        p[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), ssrc);
        for (int i = 8; i < 32; i++) p[i] = (byte)i;
        return p;
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 10)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_32, 4)]
    public void Rtp_round_trips_and_encrypts_only_the_payload(SrtpProfile profile, int tagLength)
    {
        using var sender = NewContext(profile);
        using var receiver = NewContext(profile);
        byte[] rtp = Rtp(1000);
        byte[] srtp = sender.ProtectRtp(rtp)!;
        Assert.Equal(rtp.Length + tagLength, srtp.Length);
        Assert.Equal(rtp[..12], srtp[..12]);
        Assert.NotEqual(rtp[12..], srtp[12..rtp.Length]);
        Assert.Equal(rtp, receiver.UnprotectRtp(srtp));
    }

    [Fact]
    public void Rtp_with_csrcs_and_header_extension_keeps_them_in_clear()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] rtp = new byte[12 + 4 + 8 + 20];
        rtp[0] = 0x80 | 0x10 | 1; // X bit, one CSRC
        BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(8), 42);
        rtp[16] = 0xBE; rtp[17] = 0xDE; rtp[19] = 1; // one-byte-header extension, 1 word
        rtp[20] = 0x10; rtp[21] = 0x77;
        rtp.AsSpan(24).Fill(0xAB);
        byte[] srtp = sender.ProtectRtp(rtp)!;
        Assert.Equal(rtp[..24], srtp[..24]);
        Assert.Equal(rtp, receiver.UnprotectRtp(srtp));
    }

    [Fact]
    public void Rtcp_round_trips_with_e_bit_and_increasing_srtcp_index()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] rr = ReceiverReport();
        byte[] first = sender.ProtectRtcp(rr)!;
        byte[] second = sender.ProtectRtcp(rr)!;
        Assert.Equal(rr.Length + 4 + 10, first.Length);
        Assert.Equal(0x8000_0000u, BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(rr.Length)));
        Assert.Equal(0x8000_0001u, BinaryPrimitives.ReadUInt32BigEndian(second.AsSpan(rr.Length)));
        Assert.Equal(rr[..8], first[..8]);
        Assert.Equal(rr, receiver.UnprotectRtcp(first));
        Assert.Equal(rr, receiver.UnprotectRtcp(second));
    }

    [Fact]
    public void Compound_rtcp_with_pli_and_nack_round_trips()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] pli = Convert.FromHexString("81CE0002" + "55667788" + "11223344");
        byte[] nack = Convert.FromHexString("81CD0003" + "55667788" + "11223344" + "03E80000");
        byte[] compound = [.. ReceiverReport(), .. pli, .. nack];
        Assert.Equal(compound, receiver.UnprotectRtcp(sender.ProtectRtcp(compound)!));
    }

    [Fact]
    public void Tampered_rtp_is_rejected_anywhere_in_the_packet()
    {
        using var sender = NewContext();
        byte[] srtp = sender.ProtectRtp(Rtp(5))!;
        foreach (int position in new[] { 1, 3, 9, 12, 50, srtp.Length - 1 })
        {
            using var receiver = NewContext();
            byte[] copy = (byte[])srtp.Clone();
            copy[position] ^= 0x01;
            Assert.Null(receiver.UnprotectRtp(copy));
        }
    }

    [Fact]
    public void Tampered_rtcp_is_rejected()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] srtcp = sender.ProtectRtcp(ReceiverReport())!;
        srtcp[12] ^= 0x80;
        Assert.Null(receiver.UnprotectRtcp(srtcp));
    }

    [Fact]
    public void Rtp_from_a_different_key_is_rejected()
    {
        using var sender = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, new byte[16], Salt);
        using var receiver = NewContext();
        Assert.Null(receiver.UnprotectRtp(sender.ProtectRtp(Rtp(5))!));
    }

    [Fact]
    public void Replayed_rtp_is_rejected_but_late_unseen_packets_are_accepted()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] p1 = sender.ProtectRtp(Rtp(1))!;
        byte[] p2 = sender.ProtectRtp(Rtp(2))!;
        byte[] p3 = sender.ProtectRtp(Rtp(3))!;
        Assert.NotNull(receiver.UnprotectRtp(p1));
        Assert.NotNull(receiver.UnprotectRtp(p3));
        Assert.Null(receiver.UnprotectRtp(p3));
        Assert.NotNull(receiver.UnprotectRtp(p2)); // reordered, inside the window
        Assert.Null(receiver.UnprotectRtp(p2));
        Assert.Null(receiver.UnprotectRtp(p1));
    }

    [Fact]
    public void Rtp_older_than_the_replay_window_is_rejected()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] old = sender.ProtectRtp(Rtp(10))!;
        Assert.NotNull(receiver.UnprotectRtp(sender.ProtectRtp(Rtp(11 + SrtpReplayWindow.Width))!));
        Assert.Null(receiver.UnprotectRtp(old));
    }

    [Fact]
    public void Replayed_rtcp_is_rejected()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] srtcp = sender.ProtectRtcp(ReceiverReport())!;
        Assert.NotNull(receiver.UnprotectRtcp(srtcp));
        Assert.Null(receiver.UnprotectRtcp(srtcp));
    }

    [Fact]
    public void Sequence_wrap_increments_roc_and_the_receiver_follows()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        foreach (ushort seq in new ushort[] { 65533, 65534, 65535, 0, 1, 2 })
        {
            byte[] rtp = Rtp(seq);
            Assert.Equal(rtp, receiver.UnprotectRtp(sender.ProtectRtp(rtp)!));
        }
        Assert.Equal(1u, sender.GetSendRolloverCounter(0x11223344));
        Assert.Equal(1u, receiver.GetReceiveRolloverCounter(0x11223344));

        // The ROC is part of the keystream and the tag: seq 2 at ROC 1 is not seq 2 at ROC 0.
        using var fresh = NewContext();
        Assert.NotEqual(fresh.ProtectRtp(Rtp(2)), NewContextAfterWrap().ProtectRtp(Rtp(2)));
    }

    private static SrtpContext NewContextAfterWrap()
    {
        var ctx = NewContext();
        ctx.ProtectRtp(Rtp(65535));
        return ctx;
    }

    [Fact]
    public void Packet_from_before_the_wrap_arriving_late_uses_the_old_roc()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] beforeWrap = sender.ProtectRtp(Rtp(65535))!;
        byte[] afterWrap = sender.ProtectRtp(Rtp(0))!;
        byte[] retransmit = sender.ProtectRtp(Rtp(65534))!; // e.g. a NACKed packet resent after the wrap
        Assert.NotNull(receiver.UnprotectRtp(beforeWrap));
        Assert.NotNull(receiver.UnprotectRtp(afterWrap));
        Assert.Equal(Rtp(65534), receiver.UnprotectRtp(retransmit));
        Assert.Equal(1u, receiver.GetReceiveRolloverCounter(0x11223344));
    }

    [Fact]
    public void Streams_are_tracked_per_ssrc()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        byte[] a = sender.ProtectRtp(Rtp(7, ssrc: 1))!;
        byte[] b = sender.ProtectRtp(Rtp(7, ssrc: 2))!;
        Assert.NotNull(receiver.UnprotectRtp(a));
        Assert.NotNull(receiver.UnprotectRtp(b)); // same seq, other SSRC: not a replay
        Assert.NotEqual(a[12..], b[12..]);
    }

    public static TheoryData<byte[]> Malformed => new()
    {
        Array.Empty<byte>(),
        new byte[] { 0x80 },
        new byte[11],
        new byte[21],
        Enumerable.Repeat((byte)0x80, 21).ToArray(),
        Enumerable.Repeat((byte)0xFF, 40).ToArray(),
        // V=2, 15 CSRCs declared but absent
        new byte[] { 0x8F, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 },
        // V=2, X bit with an extension length running past the end
        new byte[] { 0x90, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_returns_null_and_never_throws(byte[] input)
    {
        using var ctx = NewContext();
        Assert.Null(ctx.UnprotectRtp(input));
        Assert.Null(ctx.UnprotectRtcp(input));
        if (input.Length < 12 || (input[0] >> 6) != 2 || SrtpContext.RtpHeaderLengthOf(input) < 0)
            Assert.Null(ctx.ProtectRtp(input));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        using var ctx = NewContext();
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            byte[] input = new byte[random.Next(0, 200)];
            random.NextBytes(input);
            Assert.Null(ctx.UnprotectRtp(input));
            Assert.Null(ctx.UnprotectRtcp(input));
        }
    }

    [Fact]
    public void Concurrent_protect_from_several_threads_stays_consistent()
    {
        using var sender = NewContext();
        using var receiver = NewContext();
        var packets = new byte[4][][];
        Parallel.For(0, 4, t =>
        {
            packets[t] = new byte[200][];
            for (ushort s = 0; s < 200; s++) packets[t][s] = sender.ProtectRtp(Rtp(s, ssrc: (uint)(t + 1)))!;
        });
        Assert.All(packets.SelectMany(p => p), p => Assert.NotNull(receiver.UnprotectRtp(p)));
    }
}
