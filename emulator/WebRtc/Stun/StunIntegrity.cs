using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>
/// The two checksums over a message prefix. Both take the bytes before the attribute and pretend the header
/// length already ends with that attribute, which is how sender and receiver agree on what was covered.
/// One-shot static hashing is used because HMACSHA1 instances are not thread-safe.
/// </summary>
internal static class StunIntegrity
{
    public static void ComputeHmac(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        var copy = prefix.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2),
            (ushort)(prefix.Length - StunConstants.HeaderLength + 4 + StunConstants.MessageIntegrityLength));
        HMACSHA1.HashData(key, copy, destination);
    }

    public static uint ComputeFingerprint(ReadOnlySpan<byte> prefix)
    {
        var copy = prefix.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2),
            (ushort)(prefix.Length - StunConstants.HeaderLength + 4 + StunConstants.FingerprintLength));
        return Crc32.Compute(copy) ^ StunConstants.FingerprintXor;
    }
}
