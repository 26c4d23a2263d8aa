using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// What the passive side needs from the INIT to build the association once the COOKIE-ECHO comes back.
/// Signed with HMAC-SHA256 under a per-association random key so a peer cannot forge or alter it (RFC 9260 §5.1.3).
/// </summary>
internal sealed record StateCookie(uint LocalTag, uint PeerTag, uint LocalInitialTsn, uint PeerInitialTsn, uint PeerReceiverWindow,
    ushort OutboundStreams, ushort InboundStreams, long CreatedUnixMs, bool PeerForwardTsn, bool PeerReconfig)
{
    private const byte Version = 1;
    private const int BodyLength = 1 + 4 * 5 + 2 * 2 + 8 + 1;
    private const int MacLength = 32;
    public const int Length = BodyLength + MacLength;

    public byte[] Sign(byte[] key)
    {
        var buffer = new byte[Length];
        var s = buffer.AsSpan();
        s[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(s[1..], LocalTag);
        BinaryPrimitives.WriteUInt32BigEndian(s[5..], PeerTag);
        BinaryPrimitives.WriteUInt32BigEndian(s[9..], LocalInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(s[13..], PeerInitialTsn);
        BinaryPrimitives.WriteUInt32BigEndian(s[17..], PeerReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(s[21..], OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(s[23..], InboundStreams);
        BinaryPrimitives.WriteInt64BigEndian(s[25..], CreatedUnixMs);
        s[33] = (byte)((PeerForwardTsn ? 1 : 0) | (PeerReconfig ? 2 : 0));
        HMACSHA256.HashData(key, s[..BodyLength], s[BodyLength..]);
        return buffer;
    }

    public static bool TryVerify(ReadOnlySpan<byte> cookie, byte[] key, [NotNullWhen(true)] out StateCookie? state)
    {
        state = null;
        if (cookie.Length != Length || cookie[0] != Version) return false;
        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, cookie[..BodyLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, cookie[BodyLength..])) return false;
        state = new StateCookie(
            BinaryPrimitives.ReadUInt32BigEndian(cookie[1..]), BinaryPrimitives.ReadUInt32BigEndian(cookie[5..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[9..]), BinaryPrimitives.ReadUInt32BigEndian(cookie[13..]),
            BinaryPrimitives.ReadUInt32BigEndian(cookie[17..]), BinaryPrimitives.ReadUInt16BigEndian(cookie[21..]),
            BinaryPrimitives.ReadUInt16BigEndian(cookie[23..]), BinaryPrimitives.ReadInt64BigEndian(cookie[25..]),
            (cookie[33] & 1) != 0, (cookie[33] & 2) != 0);
        return true;
    }
}
