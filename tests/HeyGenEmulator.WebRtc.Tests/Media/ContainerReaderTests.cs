using System.Buffers.Binary;
using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.Media.Playback;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

public class ContainerReaderTests
{
    private static byte[] Ivf(params byte[][] frames)
    {
        var ms = new MemoryStream();
        var header = new byte[32];
        "DKIF"u8.CopyTo(header);
        header[6] = 32;
        "VP80"u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 36);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 25);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        ms.Write(header);
        for (int i = 0; i < frames.Length; i++)
        {
            var fh = new byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(fh, (uint)frames[i].Length);
            BinaryPrimitives.WriteInt64LittleEndian(fh.AsSpan(4), i);
            ms.Write(fh);
            ms.Write(frames[i]);
        }
        return ms.ToArray();
    }

    [Fact]
    public void IvfReaderStopsAtTruncatedOrLyingFrames()
    {
        var data = Ivf([0x10, 2, 3], [0x11, 5], [0x11, 6, 7, 8]);
        var ivf = IvfReader.Read(data);
        Assert.Equal(3, ivf.Frames.Count);
        Assert.True(ivf.Frames[0].IsKeyFrame);
        Assert.False(ivf.Frames[1].IsKeyFrame);
        Assert.Equal(TimeSpan.FromMilliseconds(80), ivf.Frames[2].Timestamp);

        Assert.Equal(2, IvfReader.Read(data.AsSpan(0, data.Length - 1)).Frames.Count);
        var lying = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(32), uint.MaxValue);
        Assert.Empty(IvfReader.Read(lying).Frames);
        Assert.Empty(IvfReader.Read(new byte[] { 1, 2, 3 }).Frames);
    }

    [Fact]
    public void AnnexBReaderGroupsWithoutAudBySliceStart()
    {
        byte[] sc = [0, 0, 0, 1];
        byte[] stream =
        [
            .. sc, 0x67, 0x42, .. sc, 0x68, 0xCE, .. sc, 0x65, 0x88, 0x01,  // SPS PPS IDR(first_mb 0)
            .. sc, 0x41, 0x9A, 0x02,                                         // P, first_mb 0 → new AU
            .. sc, 0x41, 0x40, 0x03,                                         // P, first_mb != 0 → same AU (2nd slice)
            .. sc, 0x06, 0x05, .. sc, 0x41, 0x9A, 0x04, 0, 0,                // SEI starts AU, then P
        ];
        var units = AnnexBReader.ReadAccessUnits(stream);
        Assert.Equal(3, units.Count);
        Assert.Equal([7, 8, 5], units[0].NalTypes);
        Assert.True(units[0].IsIdr);
        Assert.Equal([1, 1], units[1].NalTypes);
        Assert.Equal([6, 1], units[2].NalTypes);
        Assert.Empty(AnnexBReader.ReadAccessUnits(new byte[] { 0, 0, 1 }));
        Assert.Empty(AnnexBReader.ReadAccessUnits(new byte[] { 9, 9, 9 }));
    }

    [Fact]
    public void OggReaderJoinsPacketsAcrossSegmentsAndSurvivesGarbage()
    {
        var big = new byte[600];
        big[0] = 0xFC; // SILK 20 ms, 1 frame
        var ogg = OggOpusWriter.Write([big, [0xF8, 0xFF, 0xFE]]);
        var packets = OggOpusReader.Read(ogg);
        Assert.Equal(2, packets.Count);
        Assert.Equal(600, packets[0].Data.Length);
        Assert.Equal(TimeSpan.FromMilliseconds(20), packets[0].Duration);

        Assert.Single(OggOpusReader.Read(ogg.AsSpan(0, ogg.Length - 1)));
        var rng = new Random(4);
        for (int i = 0; i < 500; i++)
        {
            var junk = (byte[])ogg.Clone();
            junk[rng.Next(junk.Length)] = (byte)rng.Next(256);
            OggOpusReader.Read(junk.AsSpan(0, rng.Next(junk.Length)));
        }
    }

    [Fact]
    public void OpusTocDurations()
    {
        Assert.Equal(960, OpusToc.SamplesPerPacket(new byte[] { 0xF8 }));        // CELT FB 20 ms
        Assert.Equal(480, OpusToc.SamplesPerPacket(new byte[] { 0xF0 }));        // CELT FB 10 ms
        Assert.Equal(1920, OpusToc.SamplesPerPacket(new byte[] { 0x09 }));       // SILK NB 20 ms × 2 (code 1)
        Assert.Equal(2880, OpusToc.SamplesPerPacket(new byte[] { 0x0B, 0x03 })); // SILK NB 20 ms, code 3, 3 frames
        Assert.Equal(0, OpusToc.SamplesPerPacket(new byte[] { 0x1B, 0x3F }));    // 63 × 60 ms: invalid
        Assert.Equal(0, OpusToc.SamplesPerPacket(ReadOnlySpan<byte>.Empty));
    }

    private static VideoClip Clip(int frames, params int[] keys) => new(VideoCodec.Vp8, 25,
        Enumerable.Range(0, frames).Select(i => new EncodedVideoFrame([(byte)i], keys.Contains(i), TimeSpan.Zero)).ToList());

    [Fact]
    public void VideoSourceLoopsSwitchesAtKeyFramesAndHonoursKeyFrameRequests()
    {
        var idle = Clip(4, 0);
        var talking = Clip(6, 0, 3);
        var source = new AvatarVideoSource(idle, talking);
        var seen = Enumerable.Range(0, 6).Select(_ => source.NextFrame().Data[0]).ToArray();
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0, 1 }, seen);

        source.SetMode(AvatarMode.Talking);
        var f = source.NextFrame();
        Assert.True(f.IsKeyFrame);
        Assert.Equal(AvatarMode.Talking, source.Mode);
        source.RequestKeyFrame();
        Assert.Equal(3, source.NextFrame().Data[0]);
        source.NextFrame(); source.NextFrame();
        source.RequestKeyFrame();
        Assert.Equal(0, source.NextFrame().Data[0]); // none left ahead: wraps to the start

        source.SetMode(AvatarMode.Idle);
        Assert.Equal(0, source.NextFrame().Data[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(40), source.FrameDuration);
    }

    [Fact]
    public void AudioSourcePlaysSpeechThenSilence()
    {
        var audio = new SpeechAudioSource();
        var speech = new SpeechAudio([new OpusPacket([0x78, 1], 960), new OpusPacket([0x78, 2], 960)], 40, false);
        Assert.Equal(TimeSpan.FromMilliseconds(40), audio.Enqueue(speech));
        Assert.True(audio.IsSpeaking);
        Assert.Equal(1, audio.NextPacket(out bool s1).Span[1]);
        Assert.True(s1);
        audio.NextPacket(out _);
        Assert.False(audio.IsSpeaking);
        Assert.Equal(OpusSilence.Frame20Ms.ToArray(), audio.NextPacket(out bool s3).ToArray());
        Assert.False(s3);
        audio.Enqueue(speech);
        audio.Clear();
        Assert.False(audio.IsSpeaking);
    }
}
