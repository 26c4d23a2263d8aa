using HeyGenEmulator.WebRtc.Rtp;
using HeyGenEmulator.WebRtc.Srtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

/// <summary>
/// Issue 14: the steady send path — packetiser → RTP stream (with its NACK history) → SRTP into a reused buffer —
/// allocates nothing per packet once warm. Counted in bytes on this thread, not timed.
/// </summary>
public sealed class SendPathAllocationTests
{
    [Theory]
    [InlineData("vp8")]
    [InlineData("h264")]
    public void Sending_warm_frames_allocates_nothing_per_packet(string codec)
    {
        IRtpPacketizer packetizer = codec == "vp8" ? new Vp8Packetizer() : new H264Packetizer();
        byte[] frame = codec == "vp8" ? Vp8Frame(30_000) : H264AccessUnit(30_000);
        var stream = new RtpStream(7, 96, 90_000, new RetransmissionHistory(1024, TimeSpan.FromSeconds(1)));
        using var srtp = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, new byte[16], new byte[14]);
        var output = new byte[2048];
        long protectedBytes = 0;
        RtpPacketSender send = rtp => protectedBytes += srtp.ProtectRtp(rtp, output);

        for (int i = 0; i < 2000; i++) stream.Send(packetizer, frame, 3600, send); // warm: JIT, history buffers
        long packetsBefore = stream.PacketCount;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++) stream.Send(packetizer, frame, 3600, send);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long packets = stream.PacketCount - packetsBefore;

        Assert.True(packets > 10_000, $"{packets} packets");
        Assert.True(protectedBytes > 0);
        Assert.True(allocated < packets, $"{allocated} bytes allocated for {packets} packets ({(double)allocated / packets:0.00} per packet)");
    }

    private static byte[] Vp8Frame(int size)
    {
        var frame = new byte[size];
        new Random(1).NextBytes(frame);
        frame[0] = 0x01; // an inter frame
        return frame;
    }

    /// <summary>An IDR access unit: AUD, SPS, PPS, then a slice of <paramref name="size"/> bytes.</summary>
    private static byte[] H264AccessUnit(int size)
    {
        var slice = new byte[size];
        new Random(2).NextBytes(slice);
        for (int i = 0; i < slice.Length - 2; i++)
            if (slice[i] == 0 && slice[i + 1] == 0) slice[i + 1] = 1; // no start code inside the slice
        slice[0] = 0x65;
        byte[][] nals = [[0x09, 0xF0], [0x67, 0x42, 0xC0, 0x1E], [0x68, 0xCE, 0x3C, 0x80], slice];
        return nals.SelectMany(n => new byte[] { 0, 0, 0, 1 }.Concat(n)).ToArray();
    }
}
