namespace HeyGenEmulator.Media.Containers;

/// <summary>
/// One encoded video frame as it goes to a packetiser: a VP8 frame, or an H.264 access unit in Annex-B form.
/// <see cref="Timestamp"/> is the presentation time within its clip.
/// </summary>
public sealed record EncodedVideoFrame(byte[] Data, bool IsKeyFrame, TimeSpan Timestamp);
