namespace HeyGenEmulator.Media.Preparation;

public enum AvatarQuality { Low, Medium, High }

public enum VideoCodec { Vp8, H264 }

/// <summary>Frame size and target bitrate for a quality. Medium is 854x480 (both even, as yuv420p needs).</summary>
public sealed record QualityProfile(int Width, int Height, int BitrateKbps)
{
    public static QualityProfile For(AvatarQuality quality) => quality switch
    {
        AvatarQuality.Low => new(640, 360, 500),
        AvatarQuality.Medium => new(854, 480, 1000),
        _ => new(1280, 720, 2000),
    };
}

/// <summary>
/// What to prepare. Without <see cref="SourceVideoPath"/> a face is drawn; with it, the file is scaled/padded to the
/// quality at <see cref="Fps"/>, looped if short, and split: idle = its first <see cref="IdleSeconds"/>, talking = the
/// next <see cref="TalkingSeconds"/> (wrapping round to the start if the file is shorter).
/// </summary>
public sealed record AvatarClipRequest(string Name, AvatarQuality Quality, VideoCodec Codec)
{
    public string? SourceVideoPath { get; init; }
    public double IdleSeconds { get; init; } = 4;
    public double TalkingSeconds { get; init; } = 4;
    public int Fps { get; init; } = 25;
    /// <summary>Key frame every this many frames (50 = 2 s at 25 fps); clips always start with one.</summary>
    public int KeyFrameInterval { get; init; } = 50;
    /// <summary>Overrides the quality's bitrate.</summary>
    public int? BitrateKbps { get; init; }
}
