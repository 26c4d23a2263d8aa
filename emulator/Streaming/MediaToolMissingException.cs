namespace HeyGenEmulator.Streaming;

/// <summary>ffmpeg or espeak-ng is not where the settings (or PATH) say: media cannot run. The message says how to fix it.</summary>
public sealed class MediaToolMissingException(string message) : Exception(message);
