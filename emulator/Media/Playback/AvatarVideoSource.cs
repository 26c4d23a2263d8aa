using HeyGenEmulator.Media.Containers;
using HeyGenEmulator.Media.Preparation;

namespace HeyGenEmulator.Media.Playback;

public enum AvatarMode { Idle, Talking }

/// <summary>
/// Plays the idle or talking loop frame by frame. Call <see cref="NextFrame"/> once per frame period (40 ms at 25 fps)
/// and packetise the result with that duration. A mode switch starts the other loop at its first frame, which is a key
/// frame, so the switch needs no re-encoding. Thread-safe: mode changes may come from another thread.
/// </summary>
public sealed class AvatarVideoSource
{
    private readonly VideoClip _idle, _talking;
    private readonly object _gate = new();
    private AvatarMode _mode = AvatarMode.Idle, _requested = AvatarMode.Idle;
    private int _position;
    private bool _keyFrameRequested;

    public AvatarVideoSource(VideoClip idle, VideoClip talking)
    {
        if (idle.Frames.Count == 0 || talking.Frames.Count == 0) throw new ArgumentException("clips must not be empty");
        _idle = idle;
        _talking = talking;
    }

    public TimeSpan FrameDuration => _idle.FrameDuration;

    public AvatarMode Mode { get { lock (_gate) return _mode; } }

    /// <summary>Switches loops at the next frame (no-op if already there).</summary>
    public void SetMode(AvatarMode mode) { lock (_gate) _requested = mode; }

    /// <summary>
    /// A PLI/FIR arrived: we cannot encode a key frame on demand, so playback jumps to the next key frame of the
    /// current loop (wrapping to its start).
    /// </summary>
    public void RequestKeyFrame() { lock (_gate) _keyFrameRequested = true; }

    public EncodedVideoFrame NextFrame()
    {
        lock (_gate) return NextFrameLocked();
    }

    /// <summary><see cref="SetMode"/> then <see cref="NextFrame()"/> under one lock: the pacer's call, once per frame.</summary>
    public EncodedVideoFrame NextFrame(AvatarMode mode)
    {
        lock (_gate)
        {
            _requested = mode;
            return NextFrameLocked();
        }
    }

    private EncodedVideoFrame NextFrameLocked()
    {
        if (_requested != _mode)
        {
            _mode = _requested;
            _position = 0;
            _keyFrameRequested = false;
        }
        var frames = (_mode == AvatarMode.Idle ? _idle : _talking).Frames;
        if (_position >= frames.Count) _position = 0;
        if (_keyFrameRequested)
        {
            _keyFrameRequested = false;
            int next = _position;
            while (next < frames.Count && !frames[next].IsKeyFrame) next++;
            _position = next < frames.Count ? next : 0;
        }
        return frames[_position++];
    }
}
