using HeyGenEmulator.Media.Containers;

namespace HeyGenEmulator.Media.Preparation;

/// <summary>An encoded clip held in memory: frames in decode order, each lasting 1/<see cref="Fps"/> s.</summary>
public sealed record VideoClip(VideoCodec Codec, int Fps, IReadOnlyList<EncodedVideoFrame> Frames)
{
    public TimeSpan FrameDuration => TimeSpan.FromSeconds(1.0 / Fps);
    public TimeSpan Duration => FrameDuration * Frames.Count;

    /// <summary>Reads an IVF (VP8) or Annex-B (H.264) file; frames get timestamps from the frame rate.</summary>
    public static VideoClip Load(string path, VideoCodec codec, int fps)
    {
        IReadOnlyList<EncodedVideoFrame> frames;
        if (codec == VideoCodec.Vp8)
            frames = IvfReader.Read(path).Frames;
        else
            frames = AnnexBReader.ReadAccessUnits(path)
                .Select((au, i) => new EncodedVideoFrame(au.Data, au.IsIdr, TimeSpan.FromSeconds((double)i / fps)))
                .ToList();
        return new VideoClip(codec, fps, frames);
    }
}
