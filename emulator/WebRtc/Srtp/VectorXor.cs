using System.Numerics;

namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>data ^= keystream, a vector at a time: a 1,200-byte payload is 75 AES blocks, XORed for every packet.</summary>
public static class VectorXor
{
    public static void Apply(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= data.Length - Vector<byte>.Count; i += Vector<byte>.Count)
                (new Vector<byte>(data[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(data[i..]);
        for (; i < data.Length; i++) data[i] ^= keystream[i];
    }
}
