using System.Buffers.Binary;
using System.Collections.Concurrent;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Rtcp;
using HeyGenEmulator.WebRtc.Testing;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>
/// The receiver's feedback over real UDP and SRTCP, as a browser sends it: a NACK is answered from the retransmission
/// history, a PLI with a key frame at once. The light peer plays the browser; the engine is the emulator's.
/// </summary>
public class FeedbackOverTheWireTests
{
    /// <summary>Three-packet VP8-shaped frames: a key frame first and whenever one is asked for, delta frames otherwise.</summary>
    private sealed class KeyOnRequestSource : IPeerMediaSource
    {
        private int _keyWanted = 1;
        private byte _index;
        public int KeyFrameRequests;

        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
        {
            isKeyFrame = Interlocked.Exchange(ref _keyWanted, 0) == 1;
            var bytes = new byte[3000];
            bytes[0] = isKeyFrame ? (byte)0x10 : (byte)0x11; // VP8 P bit: 0 = key frame
            bytes[1] = _index++;
            frame = bytes;
            return true;
        }

        public ReadOnlyMemory<byte> NextAudioPacket() => new byte[] { 0xF8, 0xFF, 0xFE };

        public void RequestKeyFrame()
        {
            Interlocked.Increment(ref KeyFrameRequests);
            Volatile.Write(ref _keyWanted, 1);
        }
    }

    private static ushort Sequence(byte[] rtp) => BinaryPrimitives.ReadUInt16BigEndian(rtp.AsSpan(2));

    // RTP header without CSRCs or extensions (ours), then the 1-byte VP8 descriptor with S set on a frame's first packet.
    private static bool StartsKeyFrame(byte[] rtp) => rtp.Length > 13 && (rtp[12] & 0x10) != 0 && (rtp[13] & 0x01) == 0;

    [Fact]
    public async Task Lost_video_packets_named_in_a_NACK_are_sent_again()
    {
        var source = new KeyOnRequestSource();
        await using var session = await LoopbackSession.ConnectAsync(source);
        var light = session.Light;
        var received = new ConcurrentDictionary<ushort, int>();
        light.VideoPacketReceived += rtp => received.AddOrUpdate(Sequence(rtp), 1, (_, n) => n + 1);
        await Poll.Until(() => light.VideoFrames >= 3, "first frames");

        // Lose the next five video packets on the way in.
        var lost = new ConcurrentQueue<ushort>();
        light.DropVideo = seq =>
        {
            if (lost.Count >= 5) return false;
            lost.Enqueue(seq);
            return true;
        };
        await Poll.Until(() => lost.Count == 5, "five packets lost");
        light.DropVideo = null;
        Assert.All(lost, seq => Assert.False(received.ContainsKey(seq)));

        await light.SendRtcpAsync(RtcpWriter.GenericNack(light.FeedbackSsrc, light.VideoSsrc!.Value, lost));

        await Poll.Until(() => lost.All(received.ContainsKey), "the NACKed packets retransmitted");
        Assert.Equal(5, session.Peer.Retransmissions);
        Assert.Equal(0, light.UnprotectFailures); // the resent packets are the originals, protected with their own index
        Assert.All(lost, seq => Assert.Equal(1, received[seq]));
    }

    [Fact]
    public async Task A_PLI_is_answered_with_a_key_frame_at_once()
    {
        var source = new KeyOnRequestSource();
        await using var session = await LoopbackSession.ConnectAsync(source);
        var light = session.Light;
        var keyFrames = 0;
        light.VideoPacketReceived += rtp => { if (StartsKeyFrame(rtp)) Interlocked.Increment(ref keyFrames); };
        await Poll.Until(() => light.VideoFrames >= 5, "five frames");
        // The first frame (perhaps before we listened) was the only key frame: the source sends deltas until asked.
        int keysBefore = Volatile.Read(ref keyFrames);
        await Poll.Until(() => light.VideoFrames >= 10, "ten frames");
        Assert.Equal(keysBefore, Volatile.Read(ref keyFrames));
        Assert.InRange(keysBefore, 0, 1);
        long framesBefore = light.VideoFrames;

        await light.SendRtcpAsync(RtcpWriter.PictureLossIndication(light.FeedbackSsrc, light.VideoSsrc!.Value));

        await Poll.Until(() => Volatile.Read(ref keyFrames) == keysBefore + 1, "a key frame after the PLI");
        // Promptly: the next frame due is the key frame. Slack for frames in flight and for the pacer catching up after
        // a stall on a loaded machine (up to 500 ms of frames, 12); this source sends no key frame unless asked.
        Assert.InRange(light.VideoFrames - framesBefore, 0, 15);
        Assert.Equal(1, session.Peer.KeyFramesRequested);
        Assert.Equal(2, source.KeyFrameRequests); // the pump's own first request, and the PLI's
    }
}
