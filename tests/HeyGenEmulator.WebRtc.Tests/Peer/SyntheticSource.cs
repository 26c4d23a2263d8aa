using HeyGenEmulator.WebRtc.Peer;

namespace HeyGenEmulator.WebRtc.Tests.Peer;

/// <summary>A key frame every period (three RTP packets) and a constant Opus packet: media that never runs out.</summary>
internal sealed class SyntheticSource : IPeerMediaSource
{
    private readonly byte[] _frame = new byte[3000]; // three RTP packets per frame

    public bool TryGetVideoFrame(out ReadOnlyMemory<byte> frame, out bool isKeyFrame)
    {
        frame = _frame;
        isKeyFrame = true;
        return true;
    }

    public ReadOnlyMemory<byte> NextAudioPacket() => new byte[] { 0xF8, 0xFF, 0xFE };
    public void RequestKeyFrame() { }
}
