using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>
/// A parsed STUN message. Holds its own copy of the datagram so integrity and fingerprint can be verified
/// later against the exact bytes received. Parsing never throws: malformed input yields null.
/// </summary>
public sealed class StunMessage
{
    private readonly byte[] _raw;

    private StunMessage(byte[] raw, ushort type, IReadOnlyList<StunAttribute> attributes, int integrityOffset, int fingerprintOffset)
    {
        _raw = raw;
        Type = type;
        Attributes = attributes;
        MessageIntegrityOffset = integrityOffset;
        FingerprintOffset = fingerprintOffset;
    }

    public ushort Type { get; }
    public ushort Method => StunMessageType.Method(Type);
    public StunClass Class => StunMessageType.Class(Type);
    public ReadOnlySpan<byte> TransactionId => _raw.AsSpan(8, StunConstants.TransactionIdLength);
    public byte[] TransactionIdBytes => TransactionId.ToArray();
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>Attributes up to and including MESSAGE-INTEGRITY and FINGERPRINT; ones after MESSAGE-INTEGRITY
    /// other than FINGERPRINT are dropped, as RFC 8489 §14.5 says they must be ignored.</summary>
    public IReadOnlyList<StunAttribute> Attributes { get; }

    /// <summary>Offset of the MESSAGE-INTEGRITY header, or -1.</summary>
    public int MessageIntegrityOffset { get; }
    /// <summary>Offset of the FINGERPRINT header, or -1.</summary>
    public int FingerprintOffset { get; }

    public bool HasMessageIntegrity => MessageIntegrityOffset >= 0;
    public bool HasFingerprint => FingerprintOffset >= 0;

    /// <summary>Quick check for demultiplexing: two zero top bits, a 4-aligned length and the magic cookie.</summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> data) =>
        data.Length >= StunConstants.HeaderLength
        && (data[0] & 0xC0) == 0
        && (data[3] & 0x03) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4)) == StunConstants.MagicCookie;

    public static StunMessage? Parse(ReadOnlySpan<byte> data) => TryParse(data, out var message) ? message : null;

    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage? message)
    {
        message = null;
        if (!LooksLikeStun(data)) return false;
        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2));
        // A datagram carries exactly one message; trailing or missing bytes mean it is not what it claims.
        if (StunConstants.HeaderLength + bodyLength != data.Length) return false;

        var raw = data.ToArray();
        var attributes = new List<StunAttribute>();
        int integrity = -1, fingerprint = -1;
        int pos = StunConstants.HeaderLength;
        while (pos < raw.Length)
        {
            if (raw.Length - pos < 4) return false;
            if (fingerprint >= 0) return false; // FINGERPRINT must be last
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(pos));
            int length = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(pos + 2));
            int padded = (length + 3) & ~3;
            if (padded > raw.Length - pos - 4) return false;
            var value = new ReadOnlyMemory<byte>(raw, pos + 4, length);

            if (type == StunAttributeType.Fingerprint)
            {
                if (length != StunConstants.FingerprintLength) return false;
                fingerprint = pos;
                attributes.Add(new StunAttribute(type, value, pos));
            }
            else if (integrity < 0)
            {
                if (type == StunAttributeType.MessageIntegrity)
                {
                    if (length != StunConstants.MessageIntegrityLength) return false;
                    integrity = pos;
                }
                attributes.Add(new StunAttribute(type, value, pos));
            }
            pos += 4 + padded;
        }

        message = new StunMessage(raw, BinaryPrimitives.ReadUInt16BigEndian(raw), attributes, integrity, fingerprint);
        return true;
    }

    public StunAttribute? GetAttribute(ushort type)
    {
        foreach (var a in Attributes)
            if (a.Type == type) return a;
        return null;
    }

    public bool HasAttribute(ushort type) => GetAttribute(type) is not null;

    public string? Username => GetAttribute(StunAttributeType.Username) is { } a ? DecodeUtf8(a.Value.Span) : null;

    public uint? Priority => GetAttribute(StunAttributeType.Priority) is { } a && a.Value.Length == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(a.Value.Span) : null;

    public bool UseCandidate => HasAttribute(StunAttributeType.UseCandidate);

    public ulong? IceControlling => ReadTieBreaker(StunAttributeType.IceControlling);
    public ulong? IceControlled => ReadTieBreaker(StunAttributeType.IceControlled);

    public IPEndPoint? XorMappedAddress => GetAttribute(StunAttributeType.XorMappedAddress) is { } a
        ? XorAddressCodec.Decode(a.Value.Span, TransactionId) : null;

    public StunErrorCode? ErrorCode
    {
        get
        {
            if (GetAttribute(StunAttributeType.ErrorCode) is not { } a || a.Value.Length < 4) return null;
            var v = a.Value.Span;
            int code = (v[2] & 0x07) * 100 + v[3];
            string? reason = DecodeUtf8(v.Slice(4));
            return reason is null ? null : new StunErrorCode(code, reason);
        }
    }

    /// <summary>
    /// Verifies MESSAGE-INTEGRITY (HMAC-SHA1) with the given key; for ICE's short-term credentials the key is the
    /// UTF-8 ice-pwd. The HMAC covers the message up to the attribute with the header length rewritten to end
    /// just after MESSAGE-INTEGRITY, so a FINGERPRINT added afterwards does not disturb it.
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (MessageIntegrityOffset < 0) return false;
        Span<byte> mac = stackalloc byte[StunConstants.MessageIntegrityLength];
        StunIntegrity.ComputeHmac(_raw.AsSpan(0, MessageIntegrityOffset), key, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _raw.AsSpan(MessageIntegrityOffset + 4, StunConstants.MessageIntegrityLength));
    }

    public bool VerifyMessageIntegrity(string password) => VerifyMessageIntegrity(Encoding.UTF8.GetBytes(password));

    public bool VerifyFingerprint()
    {
        if (FingerprintOffset < 0) return false;
        uint expected = StunIntegrity.ComputeFingerprint(_raw.AsSpan(0, FingerprintOffset));
        return expected == BinaryPrimitives.ReadUInt32BigEndian(_raw.AsSpan(FingerprintOffset + 4));
    }

    private ulong? ReadTieBreaker(ushort type) => GetAttribute(type) is { } a && a.Value.Length == 8
        ? BinaryPrimitives.ReadUInt64BigEndian(a.Value.Span) : null;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }
}
