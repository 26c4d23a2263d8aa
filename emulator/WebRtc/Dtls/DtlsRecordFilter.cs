using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Dtls;

/// <summary>
/// Cheap screening of datagrams before BouncyCastle sees them: only datagrams that are a sequence of well-framed DTLS
/// records (RFC 6347 §4.1, first byte 20..63 per RFC 7983) get through. Written for Portable.BouncyCastle 1.8.10,
/// which treated some malformed input as fatal; kept on BouncyCastle.Cryptography 2.x because it costs little and
/// keeps garbage off the handshake path.
/// </summary>
public static class DtlsRecordFilter
{
    private const int HeaderLength = 13;

    public static bool LooksLikeDtls(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength) return false;
        while (!datagram.IsEmpty)
        {
            if (datagram.Length < HeaderLength) return false;
            byte contentType = datagram[0];
            if (contentType is < 20 or > 24) return false; // change_cipher_spec, alert, handshake, application_data, heartbeat
            if (datagram[1] != 0xFE) return false;         // DTLS versions are 0xFEFF (1.0) and 0xFEFD (1.2)
            int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[11..]);
            if (HeaderLength + length > datagram.Length) return false;
            datagram = datagram[(HeaderLength + length)..];
        }
        return true;
    }
}
