namespace HeyGenEmulator.Sessions;

/// <summary>
/// Which flow a session uses: v1 is raw WebRTC (the server's SDP offer, the client's answer on streaming.start),
/// v2 is LiveKit (a room URL and access token). LiveAvatar sessions (HeyGen's successor API) run on the same LiveKit
/// rooms but belong to LiveAvatar's own REST API and keys: HeyGen's endpoints never act on them.
/// </summary>
public enum ApiVersion
{
    [WireName("v1")] V1,
    [WireName("v2")] V2,
    [WireName("liveavatar")] LiveAvatar,
}
