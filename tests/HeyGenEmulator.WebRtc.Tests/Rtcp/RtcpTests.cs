using System.Buffers.Binary;
using HeyGenEmulator.WebRtc.Rtcp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtcp;

public class RtcpTests
{
    [Fact]
    public void SenderReportLayout()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, 500, TimeSpan.Zero);
        var bytes = RtcpWriter.SenderReportWithCname(0x11223344, now, 90_000, 10, 1000, "abcd");

        Assert.Equal(0x80, bytes[0]);
        Assert.Equal(200, bytes[1]);
        Assert.Equal(6, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)));
        Assert.Equal(0x11223344u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        uint seconds = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8));
        uint fraction = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(12));
        Assert.Equal((uint)(now - new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds, seconds);
        Assert.Equal(0x8000_0000u, fraction);
        Assert.Equal(90_000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(10u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal(1000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(24)));

        var sdes = bytes.AsSpan(28);
        Assert.Equal(0x81, sdes[0]);
        Assert.Equal(202, sdes[1]);
        Assert.Equal(sdes.Length / 4 - 1, BinaryPrimitives.ReadUInt16BigEndian(sdes[2..]));
        Assert.Equal(0, sdes.Length % 4);
        Assert.Equal(0x11223344u, BinaryPrimitives.ReadUInt32BigEndian(sdes[4..]));
        Assert.Equal(1, sdes[8]);
        Assert.Equal(4, sdes[9]);
        Assert.Equal("abcd"u8.ToArray(), sdes.Slice(10, 4).ToArray());
        Assert.Equal(0, sdes[14]);

        var parsed = RtcpParser.Parse(bytes);
        var sr = Assert.Single(parsed.SenderReports);
        Assert.Equal(NtpTime.FromDateTimeOffset(now), sr.NtpTimestamp);
    }

    private static byte[] Nack(uint sender, uint media, params (ushort Pid, ushort Blp)[] fcis)
    {
        var b = new byte[12 + 4 * fcis.Length];
        b[0] = 0x81; b[1] = 205;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)(b.Length / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), sender);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), media);
        for (int i = 0; i < fcis.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(12 + 4 * i), fcis[i].Pid);
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(14 + 4 * i), fcis[i].Blp);
        }
        return b;
    }

    [Fact]
    public void Written_nack_and_pli_parse_back_to_what_was_asked()
    {
        ushort[] lost = [65530, 65535, 0, 3, 40, 41, 57, 58];
        var written = RtcpWriter.GenericNack(1, 2, lost);
        var nack = RtcpParser.Parse(written);
        Assert.Equal(lost.Order(), nack.LostSequenceNumbers(2).Order());
        Assert.Empty(nack.LostSequenceNumbers(3));
        // Sorted as numbers, 0 and 3 share one FCI, 40/41 another (41 in its mask), 57/58 a third, 65530/65535 a fourth.
        Assert.Equal(12 + 4 * 4, written.Length);

        var pli = RtcpParser.Parse(RtcpWriter.PictureLossIndication(1, 2));
        Assert.True(pli.WantsKeyFrame(2));
        Assert.False(pli.WantsKeyFrame(3));
    }

    private static byte[] Psfb(int fmt, uint sender, uint media, byte[]? fci = null)
    {
        fci ??= [];
        var b = new byte[12 + fci.Length];
        b[0] = (byte)(0x80 | fmt); b[1] = 206;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)(b.Length / 4 - 1));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), sender);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), media);
        fci.CopyTo(b, 12);
        return b;
    }

    private static byte[] ReceiverReport(uint sender, uint source)
    {
        var b = new byte[32];
        b[0] = 0x81; b[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), sender);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), source);
        b[12] = 64; // 25% lost
        b[13] = 0xFF; b[14] = 0xFF; b[15] = 0xFE; // cumulative -2
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(16), 70000);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(20), 12);
        return b;
    }

    [Fact]
    public void ExpandsNackPidAndBlp()
    {
        var fb = RtcpParser.Parse(Nack(1, 2, (100, 0b1000_0000_0000_0101), (65535, 0b1)));
        var nack = Assert.Single(fb.Nacks);
        Assert.Equal(2u, nack.MediaSsrc);
        Assert.Equal(new ushort[] { 100, 101, 103, 116, 65535, 0 }, nack.LostSequenceNumbers);
        Assert.Equal(6, fb.LostSequenceNumbers(2).Count);
        Assert.Empty(fb.LostSequenceNumbers(3));
    }

    [Fact]
    public void DetectsPliFirAndReceiverReportsInCompound()
    {
        var fir = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(fir, 0xAAAA);
        fir[4] = 7;
        var remb = Psfb(15, 1, 0, [(byte)'R', (byte)'E', (byte)'M', (byte)'B', 1, 0x0A, 0, 1, 0, 0, 0xAA, 0xAA]);
        var compound = ReceiverReport(1, 0xAAAA).Concat(Psfb(1, 1, 0xBBBB)).Concat(Psfb(4, 1, 0, fir)).Concat(remb).ToArray();

        var fb = RtcpParser.Parse(compound);
        Assert.Equal(0xBBBBu, Assert.Single(fb.PictureLossIndications).MediaSsrc);
        var f = Assert.Single(fb.FullIntraRequests);
        Assert.Equal((0xAAAAu, (byte)7), (f.MediaSsrc, f.SequenceNumber));
        Assert.True(fb.WantsKeyFrame(0xBBBB));
        Assert.True(fb.WantsKeyFrame(0xAAAA));
        Assert.False(fb.WantsKeyFrame(0xCCCC));
        var block = Assert.Single(Assert.Single(fb.ReceiverReports).Blocks);
        Assert.Equal(0xAAAAu, block.Ssrc);
        Assert.Equal(0.25, block.LossFraction);
        Assert.Equal(-2, block.CumulativeLost);
        Assert.Equal(70000u, block.ExtendedHighestSequence);
        Assert.Equal(12u, block.Jitter);
        Assert.Null(block.RoundTripTime(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RoundTripTimeFromLsrAndDlsr()
    {
        var sentAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        uint lsr = NtpTime.Middle32(NtpTime.FromDateTimeOffset(sentAt));
        var block = new ReportBlock(1, 0, 0, 0, 0, lsr, 65536 / 2); // peer held it 500 ms
        var rtt = block.RoundTripTime(sentAt.AddMilliseconds(530))!.Value;
        Assert.InRange(rtt.TotalMilliseconds, 29, 31);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x81, 205, 0, 9, 0, 0, 0, 1, 0, 0, 0, 2 })] // length past end
    [InlineData(new byte[] { 0x41, 205, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2 })] // version 1
    [InlineData(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 })] // RR claims a block it lacks
    [InlineData(new byte[] { 0xA1, 206, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0xFF })] // bad padding
    [InlineData(new byte[] { 0x81, 206, 0, 0 })] // PLI too short
    public void GarbageGivesEmptyResult(byte[] bytes)
    {
        Assert.True(RtcpParser.Parse(bytes).IsEmpty);
    }

    [Fact]
    public void TruncatedCompoundIsRejectedAndRandomInputNeverThrows()
    {
        var good = ReceiverReport(1, 2).Concat(Psfb(1, 1, 2)).ToArray();
        Assert.False(RtcpParser.Parse(good).IsEmpty);
        Assert.True(RtcpParser.Parse(good.AsSpan(0, good.Length - 3)).IsEmpty);

        var rng = new Random(3);
        for (int i = 0; i < 5000; i++)
        {
            var b = new byte[rng.Next(0, 64)];
            rng.NextBytes(b);
            if (b.Length > 0) b[0] = (byte)(0x80 | (b[0] & 0x3F));
            RtcpParser.Parse(b);
        }
    }

    [Fact]
    public void GoodbyeAndDemuxHelpers()
    {
        var bye = RtcpWriter.Goodbye(5, 6);
        Assert.Equal(new byte[] { 0x82, 203, 0, 2, 0, 0, 0, 5, 0, 0, 0, 6 }, bye);
        Assert.True(RtcpPacketTypes.LooksLikeRtcp(bye));
        Assert.True(RtcpParser.Parse(bye).IsEmpty);
    }
}
