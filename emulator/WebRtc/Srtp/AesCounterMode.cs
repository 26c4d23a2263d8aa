using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the 16-byte IV's last two bytes count blocks.
/// .NET has no CTR mode, so the counter blocks are encrypted with ECB in one call and XORed in.
/// Not thread-safe: the ECB transform belongs to the instance (the scratch buffers to the calling thread).
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private readonly Aes _aes;
    // One ECB transform kept for the context's life: Aes.EncryptEcb sets up a native cipher context on every call
    // (about 66 bytes of garbage per packet); a reused transform does not.
    private readonly ICryptoTransform _ecb;
    // The counter blocks and keystream are scratch, written and read within one call: one pair per thread, not per
    // context. The pacer protects every peer's packets in turn, and a pair per context (3 KB) was cold at each peer's
    // visit (written 20-40 ms before, other processes having run since); one pair per thread stays in cache.
    [ThreadStatic] private static byte[]? t_counters, t_keystream;

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>data ^= keystream(iv). The IV's last two bytes must be zero; they are the block counter.</summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (data.IsEmpty) return;
        int blocks = (data.Length + 15) / 16;
        int bytes = blocks * 16;
        var countersBuffer = t_counters;
        var keystream = t_keystream;
        if (countersBuffer is null || keystream is null || countersBuffer.Length < bytes)
        {
            t_counters = countersBuffer = new byte[Math.Max(bytes, 1536)];
            t_keystream = keystream = new byte[countersBuffer.Length];
        }
        Span<byte> counters = countersBuffer.AsSpan(0, bytes);
        for (int b = 0; b < blocks; b++)
        {
            Span<byte> block = counters.Slice(b * 16, 16);
            iv[..16].CopyTo(block);
            // A packet never needs 2^16 blocks, so the counter fits the two low bytes without carry.
            int counter = ((iv[14] << 8) | iv[15]) + b;
            block[14] = (byte)(counter >> 8);
            block[15] = (byte)counter;
        }
        _ecb.TransformBlock(countersBuffer, 0, bytes, keystream, 0);
        VectorXor.Apply(data, keystream.AsSpan(0, bytes));
    }

    /// <summary>Writes the raw keystream; used by key derivation and the RFC vectors.</summary>
    public void Keystream(ReadOnlySpan<byte> iv, Span<byte> output)
    {
        output.Clear();
        Transform(iv, output);
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }
}
