namespace HeyGenEmulator.Sessions;

/// <summary>streaming.new's <c>quality</c>.</summary>
public enum VideoQuality
{
    [WireName("low")] Low,
    [WireName("medium")] Medium,
    [WireName("high")] High,
}

/// <summary>streaming.new's <c>video_encoding</c>.</summary>
public enum VideoEncoding
{
    [WireName("H264")] H264,
    [WireName("VP8")] Vp8,
}
