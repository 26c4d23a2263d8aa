namespace HeyGenEmulator.Media;

/// <summary>Anchor for the media-preparation assembly (ffmpeg, espeak-ng, container readers).</summary>
public static class MediaAssembly;
