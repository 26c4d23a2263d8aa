namespace HeyGenEmulator.Sessions;

/// <summary>
/// A v1 client's SDP answer, already checked against the session's offer: the text, and the two facts the media
/// needs to accept the browser (its ICE username fragment and DTLS certificate fingerprint, "sha-256 AB:CD:…").
/// </summary>
public sealed record SdpAnswer(string Sdp, string IceUfrag, string Fingerprint);
