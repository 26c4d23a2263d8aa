namespace HeyGenEmulator.LiveKit;

/// <summary>
/// A simple energy VAD on the audio's own timeline (so results do not depend on arrival jitter): speech starts after
/// <see cref="MinSpeech"/> of frames whose RMS is above the threshold, and stops after the hangover of quieter frames.
/// Opus (LiveKit microphone) is decoded first (<see cref="UtteranceRecorder"/>): packet sizes do not tell speech from silence.
/// </summary>
public sealed class VoiceActivityDetector(double threshold, TimeSpan hangover)
{
    public static readonly TimeSpan MinSpeech = TimeSpan.FromMilliseconds(60);

    private TimeSpan _voiced, _quiet;

    public bool Speaking { get; private set; }

    /// <summary>16-bit little-endian mono PCM; true/false when speech starts/stops, null when nothing changed.</summary>
    public bool? PushPcm16(ReadOnlySpan<byte> pcm, int sampleRate)
    {
        int samples = pcm.Length / 2;
        if (samples == 0 || sampleRate <= 0) return null;
        double sum = 0;
        for (int i = 0; i < samples; i++)
        {
            double s = (short)(pcm[2 * i] | (pcm[2 * i + 1] << 8));
            sum += s * s;
        }
        double rms = Math.Sqrt(sum / samples);
        return Update(rms >= threshold, TimeSpan.FromSeconds((double)samples / sampleRate));
    }

    /// <summary>Whether the last frame pushed was speech.</summary>
    public bool LastVoiced { get; private set; }

    private bool? Update(bool voiced, TimeSpan length)
    {
        LastVoiced = voiced;
        if (voiced)
        {
            _quiet = TimeSpan.Zero;
            _voiced += length;
            if (!Speaking && _voiced >= MinSpeech)
            {
                Speaking = true;
                return true;
            }
            return null;
        }
        _voiced = TimeSpan.Zero;
        _quiet += length;
        if (Speaking && _quiet >= hangover)
        {
            Speaking = false;
            return false;
        }
        return null;
    }
}
