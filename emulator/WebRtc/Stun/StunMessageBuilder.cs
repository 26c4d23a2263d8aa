using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>
/// Builds one STUN message. Add attributes in wire order; MESSAGE-INTEGRITY then FINGERPRINT come last
/// because each covers everything before it.
/// </summary>
public sealed class StunMessageBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public StunMessageBuilder(ushort messageType, ReadOnlySpan<byte> transactionId)
    {
        if (transactionId.Length != StunConstants.TransactionIdLength)
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        BinaryPrimitives.WriteUInt16BigEndian(_buffer, messageType);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(4), StunConstants.MagicCookie);
        transactionId.CopyTo(_buffer.AsSpan(8));
        TransactionId = transactionId.ToArray();
        _length = StunConstants.HeaderLength;
    }

    public byte[] TransactionId { get; }

    public static byte[] NewTransactionId() => RandomNumberGenerator.GetBytes(StunConstants.TransactionIdLength);

    public StunMessageBuilder AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue) throw new ArgumentException("Attribute value too long.", nameof(value));
        int padded = (value.Length + 3) & ~3;
        EnsureCapacity(4 + padded);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length + 2), (ushort)value.Length);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        _buffer.AsSpan(_length + 4 + value.Length, padded - value.Length).Clear();
        _length += 4 + padded;
        WriteBodyLength();
        return this;
    }

    public StunMessageBuilder AddUsername(string username) => AddAttribute(StunAttributeType.Username, Encoding.UTF8.GetBytes(username));

    public StunMessageBuilder AddSoftware(string software) => AddAttribute(StunAttributeType.Software, Encoding.UTF8.GetBytes(software));

    public StunMessageBuilder AddPriority(uint priority)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, priority);
        return AddAttribute(StunAttributeType.Priority, v);
    }

    public StunMessageBuilder AddUseCandidate() => AddAttribute(StunAttributeType.UseCandidate, ReadOnlySpan<byte>.Empty);

    public StunMessageBuilder AddIceControlling(ulong tieBreaker) => AddTieBreaker(StunAttributeType.IceControlling, tieBreaker);

    public StunMessageBuilder AddIceControlled(ulong tieBreaker) => AddTieBreaker(StunAttributeType.IceControlled, tieBreaker);

    public StunMessageBuilder AddXorMappedAddress(IPEndPoint endPoint) =>
        AddAttribute(StunAttributeType.XorMappedAddress, XorAddressCodec.Encode(endPoint, TransactionId));

    public StunMessageBuilder AddErrorCode(int code, string reason)
    {
        if (code is < 300 or > 699) throw new ArgumentOutOfRangeException(nameof(code));
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        var v = new byte[4 + reasonBytes.Length];
        v[2] = (byte)(code / 100);
        v[3] = (byte)(code % 100);
        reasonBytes.CopyTo(v, 4);
        return AddAttribute(StunAttributeType.ErrorCode, v);
    }

    public StunMessageBuilder AddMessageIntegrity(string password) => AddMessageIntegrity(Encoding.UTF8.GetBytes(password));

    public StunMessageBuilder AddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[StunConstants.MessageIntegrityLength];
        StunIntegrity.ComputeHmac(_buffer.AsSpan(0, _length), key, mac);
        return AddAttribute(StunAttributeType.MessageIntegrity, mac);
    }

    public StunMessageBuilder AddFingerprint()
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, StunIntegrity.ComputeFingerprint(_buffer.AsSpan(0, _length)));
        return AddAttribute(StunAttributeType.Fingerprint, v);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private StunMessageBuilder AddTieBreaker(ushort type, ulong value)
    {
        Span<byte> v = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(v, value);
        return AddAttribute(type, v);
    }

    private void WriteBodyLength() =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), (ushort)(_length - StunConstants.HeaderLength));

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}
