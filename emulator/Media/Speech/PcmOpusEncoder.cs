using Concentus;
using Concentus.Enums;

namespace HeyGenEmulator.Media.Speech;

/// <summary>
/// Streamed speech as it arrives: PCM signed 16-bit little-endian, mono, 24 kHz, in chunks of any length → 20 ms Opus
/// packets (Concentus, managed). Opus codes the 24 kHz input as it is (a decoder renders it at 48 kHz, WebRTC's clock
/// rate), so no resampling is needed. Samples short of a whole packet wait for the next chunk or for
/// <see cref="Flush"/>. Not thread-safe: one caller at a time (<see cref="Playback.PcmSpeechStream"/> serialises).
/// </summary>
public sealed class PcmOpusEncoder
{
    public const int SampleRate = 24000;
    public const int BytesPerSecond = SampleRate * 2;
    /// <summary>20 ms at 24 kHz.</summary>
    public const int FrameSamples = SampleRate / 50;
    private const int MaxPacketBytes = 1275;

    private readonly IOpusEncoder _encoder;
    private readonly short[] _frame = new short[FrameSamples];
    private readonly byte[] _packet = new byte[MaxPacketBytes];
    private int _filled;

    public PcmOpusEncoder()
    {
        _encoder = OpusCodecFactory.CreateEncoder(SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        _encoder.Bitrate = 32000;
        // Speech at a moderate complexity: 20 sessions' streams stay cheap on a small machine.
        _encoder.Complexity = 5;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
    }

    /// <summary>
    /// Runs the codec until the JIT has optimised it, so that its first use by a client (the first chunk of the first
    /// utterance) does not run the encoder's unoptimised first-tier code: that alone delayed the first speech by up to
    /// a second. Rounds of 2 s of a voiced signal with pauses between them, in which tiered compilation promotes the
    /// hot methods. Call it in the background at startup.
    /// </summary>
    public static async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var pcm = new byte[BytesPerSecond * 2];
        for (int i = 0; i < pcm.Length / 2; i++)
        {
            var s = (short)(6000 * Math.Sin(2 * Math.PI * 150 * i / SampleRate) + 2000 * Math.Sin(2 * Math.PI * 1100 * i / SampleRate));
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        var encoder = new PcmOpusEncoder();
        for (int round = 0; round < 4 && !cancellationToken.IsCancellationRequested; round++)
        {
            encoder.Encode(pcm, _ => { });
            encoder.Flush(_ => { });
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Samples waiting for a whole packet.</summary>
    public int PendingSamples => _filled;

    /// <summary>
    /// Encodes every whole 20 ms of <paramref name="pcm"/> (with what waited before it), packet by packet. A trailing
    /// odd byte is no sample and is dropped.
    /// </summary>
    public void Encode(ReadOnlySpan<byte> pcm, Action<ReadOnlyMemory<byte>> packet)
    {
        for (int i = 0; i + 1 < pcm.Length; i += 2) Push((short)(pcm[i] | (pcm[i + 1] << 8)), packet);
    }

    /// <summary>The end of an utterance: what waits is padded with silence to a whole packet.</summary>
    public void Flush(Action<ReadOnlyMemory<byte>> packet)
    {
        if (_filled == 0) return;
        Array.Clear(_frame, _filled, FrameSamples - _filled);
        _filled = FrameSamples;
        EmitFrame(packet);
    }

    /// <summary>Drops what waits (an interrupt) and starts the codec afresh.</summary>
    public void Reset()
    {
        _filled = 0;
        _encoder.ResetState();
    }

    private void Push(short sample, Action<ReadOnlyMemory<byte>> packet)
    {
        _frame[_filled++] = sample;
        if (_filled == FrameSamples) EmitFrame(packet);
    }

    private void EmitFrame(Action<ReadOnlyMemory<byte>> packet)
    {
        int length = _encoder.Encode(_frame, FrameSamples, _packet, _packet.Length);
        _filled = 0;
        if (length > 0) packet(_packet.AsSpan(0, length).ToArray());
    }
}
