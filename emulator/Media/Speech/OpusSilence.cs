namespace HeyGenEmulator.Media.Speech;

/// <summary>Opus silence for idle audio, so the audio track never stalls between utterances.</summary>
public static class OpusSilence
{
    /// <summary>
    /// TOC 0xF8 (CELT fullband, 20 ms, mono, one frame) followed by a frame that decodes to digital silence.
    /// Cheaper than DTX: the browser keeps a steady jitter buffer.
    /// </summary>
    public static ReadOnlyMemory<byte> Frame20Ms { get; } = new byte[] { 0xF8, 0xFF, 0xFE };

    public const int SamplesPerFrame = 960;
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
}
