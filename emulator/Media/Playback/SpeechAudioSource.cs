using HeyGenEmulator.Media.Speech;

namespace HeyGenEmulator.Media.Playback;

/// <summary>
/// The audio track: queued speech packets in order, Opus silence when nothing is queued. Call
/// <see cref="NextPacket"/> every 20 ms. Thread-safe: speech may be queued or interrupted from another thread.
/// </summary>
public sealed class SpeechAudioSource
{
    private readonly Queue<ReadOnlyMemory<byte>> _queue = new();
    private readonly object _gate = new();
    // The queue's length, written under the gate: the pacer asks every 20 ms whether anything is queued, and mostly
    // nothing is (silence), so it reads this instead of taking the lock on a cold object for every session.
    private int _queued;

    /// <summary>Queues speech after whatever is still playing; returns the time until it has finished.</summary>
    public TimeSpan Enqueue(SpeechAudio speech)
    {
        lock (_gate)
        {
            foreach (var p in speech.Packets) _queue.Enqueue(p.Data);
            Volatile.Write(ref _queued, _queue.Count);
            return TimeSpan.FromMilliseconds(20.0 * _queue.Count);
        }
    }

    /// <summary>Queues one 20 ms packet of streamed speech unless <paramref name="limit"/> of audio is queued already.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> packet, TimeSpan limit)
    {
        lock (_gate)
        {
            if (20.0 * _queue.Count >= limit.TotalMilliseconds) return false;
            _queue.Enqueue(packet);
            Volatile.Write(ref _queued, _queue.Count);
            return true;
        }
    }

    /// <summary>Drops everything queued (an "interrupt").</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            Volatile.Write(ref _queued, 0);
        }
    }

    /// <summary>True while queued speech remains: the video should show the talking loop.</summary>
    public bool IsSpeaking => Volatile.Read(ref _queued) > 0;

    public TimeSpan Remaining { get { lock (_gate) return TimeSpan.FromMilliseconds(20.0 * _queue.Count); } }

    /// <summary>The next 20 ms Opus packet: speech if queued, otherwise silence.</summary>
    public ReadOnlyMemory<byte> NextPacket(out bool isSpeech)
    {
        // Speech queued meanwhile by another thread goes out 20 ms later, as if it had come just after this packet.
        if (Volatile.Read(ref _queued) == 0)
        {
            isSpeech = false;
            return OpusSilence.Frame20Ms;
        }
        lock (_gate)
        {
            isSpeech = _queue.TryDequeue(out var packet);
            Volatile.Write(ref _queued, _queue.Count);
            return isSpeech ? packet : OpusSilence.Frame20Ms;
        }
    }
}
