namespace HeyGenEmulator.WebRtc;

/// <summary>Anchor for the WebRTC engine assembly (protocol layers live in sub-folders).</summary>
public static class WebRtcAssembly;
