namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>SRTP protection profiles; the values are the DTLS-SRTP identifiers of RFC 5764 §4.1.2.</summary>
public enum SrtpProfile
{
    Aes128CmHmacSha1_80 = 0x0001,
    Aes128CmHmacSha1_32 = 0x0002,
}

public static class SrtpProfileInfo
{
    public const int MasterKeyLength = 16;
    public const int MasterSaltLength = 14;

    /// <summary>Bytes of DTLS exporter output both directions need: 2 × (key + salt).</summary>
    public const int KeyingMaterialLength = 2 * (MasterKeyLength + MasterSaltLength);

    /// <summary>SRTP tag length. The _32 profile shortens only the RTP tag; SRTCP keeps 80 bits (RFC 5764 §4.1.2).</summary>
    public static int RtpTagLength(this SrtpProfile profile) => profile == SrtpProfile.Aes128CmHmacSha1_32 ? 4 : 10;

    public static int RtcpTagLength(this SrtpProfile profile) => 10;

    public static bool IsSupported(int protectionProfile) =>
        protectionProfile is (int)SrtpProfile.Aes128CmHmacSha1_80 or (int)SrtpProfile.Aes128CmHmacSha1_32;
}
