using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

public class H264PacketizerTests
{
    private static readonly byte[] Sps = [0x67, 0x42, 0xC0, 0x1E, 0xAA];
    private static readonly byte[] Pps = [0x68, 0xCE, 0x3C, 0x80];
    private static readonly byte[] Aud = [0x09, 0xF0];

    private static byte[] AnnexB(params byte[][] nals) =>
        nals.SelectMany((n, i) => (i % 2 == 0 ? new byte[] { 0, 0, 0, 1 } : new byte[] { 0, 0, 1 }).Concat(n)).ToArray();

    private static byte[] Idr(int size)
    {
        var nal = new byte[size];
        new Random(size).NextBytes(nal);
        for (int i = 1; i < size; i++) if (nal[i] == 0) nal[i] = 7; // avoid fake start codes
        nal[0] = 0x65;
        return nal;
    }

    [Fact]
    public void SmallNalsGoAsSingleNalPacketsAndAudIsDropped()
    {
        var idr = Idr(300);
        var chunks = new H264Packetizer().Packetize(AnnexB(Aud, Sps, Pps, idr));
        Assert.Equal(3, chunks.Count);
        Assert.Equal(Sps, chunks[0].Payload);
        Assert.Equal(Pps, chunks[1].Payload);
        Assert.Equal(idr, chunks[2].Payload);
        Assert.Equal([false, false, true], chunks.Select(c => c.Marker));
    }

    [Fact]
    public void LargeNalUsesFuAWithStartAndEndBitsAndReassembles()
    {
        var idr = Idr(3000);
        var chunks = new H264Packetizer(maxPayloadSize: 1100).Packetize(AnnexB(Sps, Pps, idr));
        var fus = chunks.Skip(2).ToList();
        Assert.Equal(3, fus.Count);
        Assert.All(fus, c => Assert.True(c.Payload.Length <= 1100));
        Assert.All(fus, c => Assert.Equal(0x60 | 28, c.Payload[0])); // NRI of the IDR kept, type 28
        Assert.Equal(0x80 | 5, fus[0].Payload[1]);
        Assert.Equal(5, fus[1].Payload[1]);
        Assert.Equal(0x40 | 5, fus[2].Payload[1]);
        Assert.Equal([false, false, true], fus.Select(c => c.Marker));
        Assert.False(chunks[0].Marker);

        var rebuilt = new[] { (byte)((fus[0].Payload[0] & 0xE0) | (fus[0].Payload[1] & 0x1F)) }
            .Concat(fus.SelectMany(f => f.Payload.Skip(2))).ToArray();
        Assert.Equal(idr, rebuilt);
    }

    [Fact]
    public void PrependsCachedSpsPpsToIdrThatLacksThem()
    {
        var p = new H264Packetizer();
        p.Packetize(AnnexB(Sps, Pps, Idr(50)));
        var pSlice = new byte[] { 0x41, 0x9A, 0x01 };
        Assert.Single(p.Packetize(AnnexB(pSlice)));
        var chunks = p.Packetize(AnnexB(Aud, Idr(60)));
        Assert.Equal(3, chunks.Count);
        Assert.Equal(Sps, chunks[0].Payload);
        Assert.Equal(Pps, chunks[1].Payload);
        Assert.Equal(0x65, chunks[2].Payload[0]);
        Assert.True(chunks[2].Marker);
    }

    [Fact]
    public void SplitterHandlesTrailingZerosAndBareNal()
    {
        var nals = AnnexBNalUnits.Split(new byte[] { 0, 0, 0, 1, 0x67, 1, 0, 0, 0, 0, 1, 0x68, 2, 0, 0 });
        Assert.Equal([(4, 2), (11, 2)], nals);
        Assert.Equal([(0, 3)], AnnexBNalUnits.Split(new byte[] { 0x41, 1, 2 }));
        Assert.Empty(AnnexBNalUnits.Split(new byte[] { 0, 0, 1 }));
    }
}
