using System.Buffers;
using HeyGenEmulator.Media.Speech;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Turns one client's microphone into utterances: the VAD (or a push-to-talk window) bounds them, their length is
/// measured on the audio's own timeline (up to the last voiced frame; the VAD's hangover is not speech), and, when
/// asked, their audio is kept for a recogniser: at most <see cref="MaxAudio"/> of it, the rest only counted.
/// <para>
/// Audio arrives on the media thread (LiveKit) or the socket's receive loop (chat socket), push-to-talk on another
/// thread; one lock keeps them in order. The callbacks run under it, so they must hand the work off at once.
/// </para>
/// <para>
/// In push-to-talk mode (<paramref name="pushToTalkOnly"/>, or once the client has opened a window) only windows bound
/// utterances: speech heard outside one — the tail of what the user said, arriving after the window closed — starts
/// nothing, or it would make a second, empty turn.
/// </para>
/// </summary>
public sealed class UtteranceRecorder(VoiceActivityDetector vad, bool keepAudio, Action started, Action<Utterance> stopped, bool pushToTalkOnly = false)
{
    public static readonly TimeSpan MaxAudio = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OpusFrame = TimeSpan.FromMilliseconds(20);
    /// <summary>A gap longer than this between RTP timestamps is a paused or re-started track, not silence to count.</summary>
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(1);

    private static readonly byte[] Quiet = new byte[OpusPcmDecoder.SampleRate * 2]; // one second of PCM silence
    private readonly object _gate = new();
    private OpusPcmDecoder? _opusDecoder;
    private readonly ArrayBufferWriter<byte> _pcm = new();
    private int _pcmRate;
    private bool _speaking, _pushToTalk, _pushToTalkOnly = pushToTalkOnly;
    private TimeSpan _spoken, _unvoiced, _kept;
    private uint? _lastTimestamp;

    /// <summary>Whether an utterance is open (the VAD heard speech, or a push-to-talk window is open).</summary>
    public bool Speaking
    {
        get { lock (_gate) return _speaking; }
    }

    /// <summary>
    /// One Opus packet of the LiveKit microphone, decoded and judged by its energy (packet sizes say little: Chromium's
    /// silence was 55-byte packets, its speech 110–145). A gap in the RTP timestamps (DTX sends little or nothing in
    /// silence) counts as that much quiet.
    /// </summary>
    public void PushOpus(MicrophonePacket packet)
    {
        lock (_gate)
        {
            if (_lastTimestamp is { } last)
            {
                var gap = TimeSpan.FromSeconds((uint)(packet.RtpTimestamp - last) / 48000.0) - OpusFrame;
                if (gap > TimeSpan.Zero && gap <= MaxGap)
                    Push(Quiet.AsSpan(0, (int)(gap.TotalSeconds * OpusPcmDecoder.SampleRate) * 2), OpusPcmDecoder.SampleRate);
            }
            _lastTimestamp = packet.RtpTimestamp;
            _opusDecoder ??= new OpusPcmDecoder();
            Push(_opusDecoder.Decode(packet.Opus.Span), OpusPcmDecoder.SampleRate);
        }
    }

    /// <summary>16-bit little-endian mono PCM of the chat socket.</summary>
    public void PushPcm16(ReadOnlySpan<byte> pcm, int sampleRate)
    {
        lock (_gate) Push(pcm, sampleRate);
    }

    private void Push(ReadOnlySpan<byte> pcm, int sampleRate)
    {
        if (sampleRate <= 0 || pcm.Length < 2) return;
        var length = TimeSpan.FromSeconds(pcm.Length / 2.0 / sampleRate);
        var change = vad.PushPcm16(pcm, sampleRate);
        // Speech starts after MinSpeech of voiced frames: this frame is kept from the start's own frame on.
        if ((_speaking || change == true) && keepAudio && _kept < MaxAudio && (_pcmRate == 0 || _pcmRate == sampleRate))
        {
            _pcmRate = sampleRate;
            _pcm.Write(pcm);
            _kept += length;
        }
        Advance(change, length);
    }

    /// <summary>
    /// Push-to-talk: <c>true</c> opens an utterance (whatever the VAD says), <c>false</c> closes it. While the window is
    /// open the VAD's own starts and stops are ignored; every frame counts as spoken.
    /// </summary>
    public void PushToTalk(bool on)
    {
        lock (_gate)
        {
            if (on == _pushToTalk) return;
            _pushToTalk = on;
            _pushToTalkOnly = true;
            if (on)
            {
                if (!_speaking) Start();
            }
            else if (_speaking) Stop();
        }
    }

    private void Advance(bool? change, TimeSpan length)
    {
        if (_pushToTalk)
        {
            _spoken += length;
            return;
        }
        if (_pushToTalkOnly) return;
        if (change == true)
        {
            Start();
            _spoken = VoiceActivityDetector.MinSpeech;
            return;
        }
        if (!_speaking) return;
        if (vad.LastVoiced)
        {
            _spoken += _unvoiced + length;
            _unvoiced = TimeSpan.Zero;
        }
        else _unvoiced += length;
        if (change == false) Stop();
    }

    private void Start()
    {
        // The buffers were emptied by the last stop; a chat-socket frame that starts speech is already in them.
        _speaking = true;
        _spoken = _unvoiced = TimeSpan.Zero;
        started();
    }

    private void Stop()
    {
        _speaking = false;
        UtteranceAudio? audio = !keepAudio ? null
            : _pcm.WrittenCount > 0 ? new UtteranceAudio(_pcm.WrittenSpan.ToArray(), _pcmRate)
            : null;
        _pcm.ResetWrittenCount();
        _pcmRate = 0;
        _kept = TimeSpan.Zero;
        stopped(new Utterance(_spoken, audio));
    }
}
