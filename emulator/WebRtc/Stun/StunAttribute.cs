namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>
/// One attribute as it sat on the wire. <see cref="Offset"/> is where its 4-byte header starts in the
/// message, kept because MESSAGE-INTEGRITY and FINGERPRINT are computed over everything before them.
/// </summary>
public readonly record struct StunAttribute(ushort Type, ReadOnlyMemory<byte> Value, int Offset);

/// <summary>ERROR-CODE value (RFC 8489 §14.8): a 300–699 code and a UTF-8 reason phrase.</summary>
public sealed record StunErrorCode(int Code, string Reason);
