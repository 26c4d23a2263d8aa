namespace HeyGenEmulator.WebRtc.Dtls;

public enum DtlsState
{
    New,
    Connecting,
    Connected,
    Failed,
    Closed,
}
