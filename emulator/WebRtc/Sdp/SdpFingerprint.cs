namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>An <c>a=fingerprint</c> value (RFC 8122): hash algorithm and certificate digest.</summary>
public sealed record SdpFingerprint(string Algorithm, byte[] Value)
{
    public static SdpFingerprint Sha256(byte[] digest) => new("sha-256", digest);

    /// <summary>Digest length per algorithm name, or null if we do not know the algorithm.</summary>
    public static int? DigestLength(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        "sha-1" => 20,
        "sha-224" => 28,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        _ => null,
    };

    public string FormatValue() => Convert.ToHexString(Value).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    public override string ToString() => $"{Algorithm} {FormatValue()}";

    /// <summary>Parses "sha-256 AB:CD:..."; null if malformed or the length does not fit the algorithm.</summary>
    public static SdpFingerprint? TryParse(string value)
    {
        var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) return null;
        var hexPairs = parts[1].Split(':');
        var bytes = new byte[hexPairs.Length];
        for (int i = 0; i < hexPairs.Length; i++)
        {
            if (hexPairs[i].Length != 2 || !byte.TryParse(hexPairs[i], System.Globalization.NumberStyles.HexNumber, null, out bytes[i]))
                return null;
        }
        string algorithm = parts[0].ToLowerInvariant();
        if (DigestLength(algorithm) is { } expected && expected != bytes.Length) return null;
        return new SdpFingerprint(algorithm, bytes);
    }

    public bool Equals(SdpFingerprint? other) =>
        other is not null && string.Equals(Algorithm, other.Algorithm, StringComparison.OrdinalIgnoreCase) && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => HashCode.Combine(Algorithm.ToLowerInvariant(), Value.Length);
}
