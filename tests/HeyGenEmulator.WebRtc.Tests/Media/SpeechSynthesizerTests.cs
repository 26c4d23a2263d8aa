using HeyGenEmulator.Media;
using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.Media.Speech;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Media;

[Collection(MediaCollection.Name)]
public class SpeechSynthesizerTests
{
    [Fact]
    public async Task SpeechDurationTracksTextLengthAndRate()
    {
        var tts = new SpeechSynthesizer(MediaFixture.NewTools());
        var shortSpeech = await tts.SynthesizeAsync("Hello, I am your avatar.");
        var longSpeech = await tts.SynthesizeAsync("Hello, I am your avatar. Today we will talk about the weather and many other things.");
        var fast = await tts.SynthesizeAsync("Hello, I am your avatar.", rate: 1.5);

        Assert.False(shortSpeech.IsFallbackTone);
        Assert.InRange(shortSpeech.DurationMs, 800, 4000);
        Assert.Equal(shortSpeech.Packets.Count * 20, shortSpeech.DurationMs);
        Assert.All(shortSpeech.Packets, p => Assert.Equal(960, p.Samples));
        Assert.True(longSpeech.DurationMs > shortSpeech.DurationMs * 2);
        Assert.True(fast.DurationMs < shortSpeech.DurationMs);
    }

    [Fact]
    public async Task TextThatLooksLikeOptionsIsJustSpoken()
    {
        var speech = await new SpeechSynthesizer(MediaFixture.NewTools()).SynthesizeAsync("--help -w /tmp/x; rm -rf / $(echo hi)");
        Assert.False(speech.IsFallbackTone);
        Assert.True(speech.DurationMs > 500);
    }

    [Fact]
    public async Task MissingEspeakFallsBackToToneAndSaysSoOnce()
    {
        var log = new List<string>();
        var tts = new SpeechSynthesizer(new MediaTools(MediaFixture.NewTools().FfmpegPath, "/nonexistent/espeak-ng"), log: log.Add);
        var a = await tts.SynthesizeAsync("one two three four five six seven");
        var b = await tts.SynthesizeAsync("one two three four five six seven", rate: 0.5);
        Assert.True(a.IsFallbackTone);
        Assert.InRange(a.DurationMs, 2300, 2500); // 7 × 343 ms
        Assert.InRange(b.DurationMs, 4700, 4900);
        Assert.Single(log);
        Assert.Equal(88, SpeechSynthesizer.WordsPerMinute(0.5)); // 87.5, rounded to even
        Assert.Equal(262, SpeechSynthesizer.WordsPerMinute(9));
    }

    [Fact]
    public async Task SilenceFrameDecodesToSilenceAndOggRoundTrips()
    {
        var packets = Enumerable.Repeat(OpusSilence.Frame20Ms.ToArray(), 50).ToList();
        byte[] ogg = OggOpusWriter.Write(packets);
        var back = OggOpusReader.Read(ogg);
        Assert.Equal(50, back.Count);
        Assert.All(back, p => Assert.Equal(new byte[] { 0xF8, 0xFF, 0xFE }, p.Data));

        string path = Path.Combine(Path.GetTempPath(), $"heygen-silence-{Guid.NewGuid():N}.ogg");
        await File.WriteAllBytesAsync(path, ogg);
        try
        {
            var pcm = await FfmpegProbe.DecodeAsync(path, "-f", "s16le", "-ac", "1", "-ar", "48000");
            Assert.InRange(pcm.Length / 2, 47_000, 48_000);
            int peak = 0;
            for (int i = 0; i + 1 < pcm.Length; i += 2) peak = Math.Max(peak, Math.Abs((int)BitConverter.ToInt16(pcm, i)));
            Assert.True(peak < 8, $"peak {peak}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
