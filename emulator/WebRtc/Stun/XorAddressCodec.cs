using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HeyGenEmulator.WebRtc.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS value encoding (RFC 8489 §14.2). The port is XORed with the cookie's top half, an IPv4
/// address with the cookie, an IPv6 address with cookie + transaction id, so NATs that rewrite addresses in
/// payloads leave it alone.
/// </summary>
public static class XorAddressCodec
{
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;

    public static byte[] Encode(IPEndPoint endPoint, ReadOnlySpan<byte> transactionId)
    {
        IPAddress address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var value = new byte[v6 ? 20 : 8];
        value[1] = v6 ? FamilyIPv6 : FamilyIPv4;
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(2), (ushort)(endPoint.Port ^ (StunConstants.MagicCookie >> 16)));
        address.TryWriteBytes(value.AsSpan(4), out _);
        XorWithMask(value.AsSpan(4), transactionId);
        return value;
    }

    /// <summary>Returns null for a wrong length, unknown family or a transaction id of the wrong size.</summary>
    public static IPEndPoint? Decode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId)
    {
        if (value.Length < 4 || transactionId.Length != StunConstants.TransactionIdLength) return null;
        int addressLength = value[1] switch { FamilyIPv4 => 4, FamilyIPv6 => 16, _ => -1 };
        if (addressLength < 0 || value.Length != 4 + addressLength) return null;
        int port = BinaryPrimitives.ReadUInt16BigEndian(value.Slice(2)) ^ (int)(StunConstants.MagicCookie >> 16);
        Span<byte> address = stackalloc byte[addressLength];
        value.Slice(4, addressLength).CopyTo(address);
        XorWithMask(address, transactionId);
        return new IPEndPoint(new IPAddress(address), port);
    }

    private static void XorWithMask(Span<byte> address, ReadOnlySpan<byte> transactionId)
    {
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.Slice(0, Math.Min(12, transactionId.Length)).CopyTo(mask.Slice(4));
        for (int i = 0; i < address.Length; i++) address[i] ^= mask[i];
    }
}
