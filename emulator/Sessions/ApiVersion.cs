namespace HeyGenEmulator.Sessions;

/// <summary>
/// Which flow a session uses: v1 is raw WebRTC (the server's SDP offer, the client's answer on streaming.start),
/// v2 is LiveKit (a room URL and access token).
/// </summary>
public enum ApiVersion
{
    [WireName("v1")] V1,
    [WireName("v2")] V2,
}
