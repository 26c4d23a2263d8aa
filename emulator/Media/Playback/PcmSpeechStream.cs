using HeyGenEmulator.Media.Speech;

namespace HeyGenEmulator.Media.Playback;

/// <summary>
/// Streamed PCM into an audio track: each chunk is encoded as it arrives and its packets queue on the
/// <see cref="SpeechAudioSource"/> one by one, so the first 20 ms can play while the rest of the chunk is encoded.
/// Bounded: packets beyond <see cref="MaxQueued"/> of unplayed audio are dropped. Thread-safe.
/// </summary>
public sealed class PcmSpeechStream(SpeechAudioSource audio)
{
    /// <summary>At most this much unplayed audio is held (60 s of 20 ms packets).</summary>
    public static readonly TimeSpan MaxQueued = TimeSpan.FromSeconds(60);

    private readonly PcmOpusEncoder _encoder = new();
    private readonly object _gate = new();
    private int _dropped;

    /// <summary>Packets dropped because the queue held <see cref="MaxQueued"/> already.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public void Append(ReadOnlySpan<byte> pcm)
    {
        lock (_gate) _encoder.Encode(pcm, Enqueue);
    }

    /// <summary>The utterance ended: its last partial packet is padded and queued.</summary>
    public void Flush()
    {
        lock (_gate) _encoder.Flush(Enqueue);
    }

    /// <summary>An interrupt: waits for an append in progress, forgets what waits for a whole packet.</summary>
    public void Reset()
    {
        lock (_gate) _encoder.Reset();
    }

    private void Enqueue(ReadOnlyMemory<byte> packet)
    {
        if (!audio.TryEnqueue(packet, MaxQueued)) Interlocked.Increment(ref _dropped);
    }
}
