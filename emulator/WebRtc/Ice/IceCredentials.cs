using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>An ICE ufrag/pwd pair (RFC 8839 §5.4).</summary>
public sealed record IceCredentials(string Ufrag, string Pwd)
{
    /// <summary>ice-char = ALPHA / DIGIT / "+" / "/".</summary>
    public const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public const int MinUfragLength = 4;
    public const int MinPwdLength = 22;

    /// <summary>Random credentials; ufrag 8 chars (48 bits, enough to route on), pwd 24 chars (144 bits).</summary>
    public static IceCredentials Generate(int ufragLength = 8, int pwdLength = 24)
    {
        if (ufragLength < MinUfragLength || ufragLength > 256) throw new ArgumentOutOfRangeException(nameof(ufragLength));
        if (pwdLength < MinPwdLength || pwdLength > 256) throw new ArgumentOutOfRangeException(nameof(pwdLength));
        return new IceCredentials(RandomIceString(ufragLength), RandomIceString(pwdLength));
    }

    public static bool IsValidUfrag(string? s) => IsIceString(s, MinUfragLength);
    public static bool IsValidPwd(string? s) => IsIceString(s, MinPwdLength);

    private static bool IsIceString(string? s, int min) =>
        s is not null && s.Length >= min && s.Length <= 256 && s.All(c => IceChars.Contains(c));

    private static string RandomIceString(int length) => RandomNumberGenerator.GetString(IceChars, length);
}
