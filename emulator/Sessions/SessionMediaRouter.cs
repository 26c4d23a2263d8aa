using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Streaming;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// Each session's media, chosen by its API version: v1 goes to the raw-WebRTC media (the engine, or signalling only
/// when media is off), v2 and LiveAvatar to their LiveKit room.
/// </summary>
public sealed class SessionMediaRouter(ISessionMedia rawWebRtc, LiveKitSessionMedia liveKit)
{
    public ISessionMedia For(Session session) => session.Spec.Version == ApiVersion.V1 ? rawWebRtc : liveKit;
}
