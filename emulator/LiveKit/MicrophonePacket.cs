namespace HeyGenEmulator.LiveKit;

/// <summary>
/// One RTP packet of the client's microphone: its Opus payload and RTP timestamp. The timestamp matters because
/// livekit-client publishes with DTX: in silence the browser sends one packet every 400 ms, not every 20 ms, so time
/// on the audio's own timeline comes from the timestamps, not from counting packets.
/// </summary>
public readonly record struct MicrophonePacket(ReadOnlyMemory<byte> Opus, uint RtpTimestamp);
