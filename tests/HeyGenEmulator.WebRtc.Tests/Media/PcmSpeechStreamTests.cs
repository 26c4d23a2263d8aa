using Concentus;
using HeyGenEmulator.Media.Playback;
using HeyGenEmulator.Media.Speech;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

/// <summary>Streamed PCM (24 kHz s16le mono) → 20 ms Opus packets on the audio track, decoded back at WebRTC's 48 kHz.</summary>
public sealed class PcmSpeechStreamTests
{
    private static byte[] Tone(double seconds, short amplitude = 8000)
    {
        var pcm = new byte[(int)(seconds * PcmOpusEncoder.SampleRate) * 2];
        for (int i = 0; i < pcm.Length / 2; i++)
        {
            var s = (short)(amplitude * Math.Sin(2 * Math.PI * 220 * i / PcmOpusEncoder.SampleRate));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        return pcm;
    }

    private static List<ReadOnlyMemory<byte>> Drain(SpeechAudioSource audio)
    {
        var packets = new List<ReadOnlyMemory<byte>>();
        while (audio.IsSpeaking) packets.Add(audio.NextPacket(out _));
        return packets;
    }

    /// <summary>RMS of each packet decoded at 48 kHz (960 samples each).</summary>
    private static List<double> DecodedRms(IEnumerable<ReadOnlyMemory<byte>> packets)
    {
        var decoder = OpusCodecFactory.CreateDecoder(48000, 1);
        var pcm = new short[960];
        return packets.Select(p =>
        {
            int samples = decoder.Decode(p.Span, pcm, 960);
            Assert.Equal(960, samples);
            return Math.Sqrt(pcm.Take(samples).Average(s => (double)s * s));
        }).ToList();
    }

    [Fact]
    public void Chunks_of_any_length_become_one_packet_per_20_ms_that_decodes_to_the_speech()
    {
        var audio = new SpeechAudioSource();
        var stream = new PcmSpeechStream(audio);
        var pcm = Tone(1.0);
        stream.Append(pcm.AsSpan(0, 19_500)); // 406.25 ms: a chunk boundary inside a packet
        stream.Append(pcm.AsSpan(19_500));
        Assert.Equal(TimeSpan.FromSeconds(1), audio.Remaining);
        var rms = DecodedRms(Drain(audio));
        Assert.Equal(50, rms.Count);
        Assert.All(rms.Skip(2), r => Assert.InRange(r, 3000, 8000)); // a 8000-peak sine has an RMS of ≈ 5657
    }

    [Fact]
    public void A_trailing_odd_byte_is_no_sample_and_is_dropped()
    {
        var encoder = new PcmOpusEncoder();
        encoder.Encode(new byte[] { 1, 2, 3 }, _ => { });
        Assert.Equal(1, encoder.PendingSamples);
    }

    [Fact]
    public void Flush_pads_the_last_partial_packet_and_reset_drops_it()
    {
        var audio = new SpeechAudioSource();
        var stream = new PcmSpeechStream(audio);
        stream.Append(Tone(0.03)); // 1.5 packets
        Assert.Single(Drain(audio));
        stream.Flush();
        Assert.Single(Drain(audio));
        stream.Append(Tone(0.01));
        stream.Reset();
        stream.Flush();
        Assert.False(audio.IsSpeaking);
    }

    [Fact]
    public void Unplayed_audio_is_capped_and_what_is_beyond_is_dropped()
    {
        var audio = new SpeechAudioSource();
        var stream = new PcmSpeechStream(audio);
        for (int i = 0; i < 7; i++) stream.Append(Tone(10));
        Assert.Equal(PcmSpeechStream.MaxQueued, audio.Remaining);
        Assert.Equal(500, stream.Dropped);
    }
}
