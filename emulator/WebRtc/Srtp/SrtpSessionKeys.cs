namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>Session keys derived from one master key and salt (RFC 3711 §4.3, key derivation rate 0).</summary>
internal sealed class SrtpSessionKeys
{
    public const int RtpEncryptionLabel = 0, RtpAuthLabel = 1, RtpSaltLabel = 2;
    public const int RtcpEncryptionLabel = 3, RtcpAuthLabel = 4, RtcpSaltLabel = 5;
    public const int AuthKeyLength = 20;

    public required byte[] RtpEncryptionKey { get; init; }
    public required byte[] RtpAuthKey { get; init; }
    public required byte[] RtpSalt { get; init; }
    public required byte[] RtcpEncryptionKey { get; init; }
    public required byte[] RtcpAuthKey { get; init; }
    public required byte[] RtcpSalt { get; init; }

    public static SrtpSessionKeys Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (masterKey.Length != SrtpProfileInfo.MasterKeyLength)
            throw new ArgumentException($"master key must be {SrtpProfileInfo.MasterKeyLength} bytes", nameof(masterKey));
        if (masterSalt.Length != SrtpProfileInfo.MasterSaltLength)
            throw new ArgumentException($"master salt must be {SrtpProfileInfo.MasterSaltLength} bytes", nameof(masterSalt));

        using var prf = new AesCounterMode(masterKey);
        byte[] salt = masterSalt.ToArray();
        return new SrtpSessionKeys
        {
            RtpEncryptionKey = DeriveOne(prf, salt, RtpEncryptionLabel, SrtpProfileInfo.MasterKeyLength),
            RtpAuthKey = DeriveOne(prf, salt, RtpAuthLabel, AuthKeyLength),
            RtpSalt = DeriveOne(prf, salt, RtpSaltLabel, SrtpProfileInfo.MasterSaltLength),
            RtcpEncryptionKey = DeriveOne(prf, salt, RtcpEncryptionLabel, SrtpProfileInfo.MasterKeyLength),
            RtcpAuthKey = DeriveOne(prf, salt, RtcpAuthLabel, AuthKeyLength),
            RtcpSalt = DeriveOne(prf, salt, RtcpSaltLabel, SrtpProfileInfo.MasterSaltLength),
        };
    }

    /// <summary>x = (label || r) XOR master_salt with r = 0; output = AES-CM(master_key, x · 2^16).</summary>
    internal static byte[] DeriveOne(AesCounterMode prf, byte[] masterSalt, int label, int length)
    {
        Span<byte> iv = stackalloc byte[16];
        masterSalt.CopyTo(iv);
        // key_id = label || r is 7 bytes aligned to the salt's low end; with r = 0 only the label byte remains.
        iv[7] ^= (byte)label;
        byte[] output = new byte[length];
        prf.Keystream(iv, output);
        return output;
    }
}
