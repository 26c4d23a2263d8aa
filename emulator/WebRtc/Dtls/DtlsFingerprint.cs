using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>SHA-256 certificate fingerprints in the SDP form <c>AA:BB:…</c> (RFC 8122 §5).</summary>
public static class DtlsFingerprint
{
    public const string Algorithm = "sha-256";
    public const int Length = 32;

    public static byte[] Digest(ReadOnlySpan<byte> certificateDer) => SHA256.HashData(certificateDer);

    public static string Compute(ReadOnlySpan<byte> certificateDer) => Format(Digest(certificateDer));

    public static string Format(ReadOnlySpan<byte> digest)
    {
        var text = new System.Text.StringBuilder(digest.Length * 3);
        foreach (byte b in digest)
        {
            if (text.Length > 0) text.Append(':');
            text.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>
    /// Parses <c>AA:BB:…</c>, optionally preceded by the SDP algorithm token (<c>sha-256 AA:BB:…</c>). Case-insensitive.
    /// Anything else, including other hash algorithms, is rejected.
    /// </summary>
    public static bool TryParse(string? text, out byte[] digest)
    {
        digest = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        string value = text.Trim();
        int space = value.IndexOf(' ');
        if (space >= 0)
        {
            if (!value[..space].Equals(Algorithm, StringComparison.OrdinalIgnoreCase)) return false;
            value = value[(space + 1)..].Trim();
        }
        string[] parts = value.Split(':');
        if (parts.Length != Length) return false;
        byte[] bytes = new byte[Length];
        for (int i = 0; i < Length; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.AllowHexSpecifier, null, out bytes[i]))
                return false;
        }
        digest = bytes;
        return true;
    }

    public static byte[] Parse(string text) =>
        TryParse(text, out byte[] digest) ? digest : throw new FormatException($"not a SHA-256 fingerprint: '{text}'");
}
