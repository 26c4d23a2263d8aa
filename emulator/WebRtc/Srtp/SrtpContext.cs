using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>
/// One SRTP/SRTCP crypto context (RFC 3711) for one master key and salt: use one for what we send (our write
/// key) and another for what we receive (the peer's write key). Keeps rollover counters, SRTCP indices and
/// replay windows per SSRC. All wire input is untrusted: malformed, forged or replayed packets yield null,
/// as does any call after Dispose.
/// Thread-safe: every call takes the context's lock (HMAC and the AES scratch buffers are per-instance),
/// so give each sending thread its own context if contention ever matters.
/// </summary>
public sealed class SrtpContext : IDisposable
{
    private const int RtpHeaderLength = 12;
    private const int RtcpHeaderLength = 8;
    private const int SrtcpIndexLength = 4;
    private const uint SrtcpEncryptedFlag = 0x8000_0000;
    private const int MaxSsrcs = 1024; // bounds the state a peer can make us keep

    private readonly object _lock = new();
    private readonly SrtpSessionKeys _keys;
    private readonly AesCounterMode _rtpCipher;
    private readonly AesCounterMode _rtcpCipher;
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly int _rtpTagLength;
    private readonly int _rtcpTagLength;
    private SendRtpSlot _sendA, _sendB;
    private readonly Dictionary<uint, SendRtpSlot> _sendRtp = new();
    private readonly Dictionary<uint, SrtpReplayWindow> _receiveRtp = new();
    private readonly Dictionary<uint, uint> _sendRtcp = new();
    private readonly Dictionary<uint, SrtpReplayWindow> _receiveRtcp = new();
    private bool _disposed;

    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        if (!SrtpProfileInfo.IsSupported((int)profile))
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile");
        Profile = profile;
        _keys = SrtpSessionKeys.Derive(masterKey, masterSalt);
        _rtpCipher = new AesCounterMode(_keys.RtpEncryptionKey);
        _rtcpCipher = new AesCounterMode(_keys.RtcpEncryptionKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _keys.RtpAuthKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _keys.RtcpAuthKey);
        _rtpTagLength = profile.RtpTagLength();
        _rtcpTagLength = profile.RtcpTagLength();
    }

    public SrtpProfile Profile { get; }

    internal SrtpSessionKeys SessionKeys => _keys;

    /// <summary>Encrypts and authenticates an RTP packet. Returns null if it is not a parseable RTP packet.</summary>
    public byte[]? ProtectRtp(ReadOnlySpan<byte> rtp)
    {
        var output = new byte[rtp.Length + _rtpTagLength];
        return ProtectRtp(rtp, output) < 0 ? null : output;
    }

    /// <summary>Bytes <see cref="ProtectRtp(ReadOnlySpan{byte}, Span{byte})"/> writes for an RTP packet of <paramref name="rtpLength"/>.</summary>
    public int ProtectedRtpLength(int rtpLength) => rtpLength + _rtpTagLength;

    /// <summary>
    /// Encrypts and authenticates an RTP packet into <paramref name="output"/> (which may not overlap it); returns the
    /// SRTP packet's length, or -1 if the input is not a parseable RTP packet or the output is too small.
    /// </summary>
    public int ProtectRtp(ReadOnlySpan<byte> rtp, Span<byte> output)
    {
        int headerLength = RtpHeaderLengthOf(rtp);
        if (headerLength < 0 || output.Length < rtp.Length + _rtpTagLength) return -1;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtp[8..]);
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]);

        lock (_lock)
        {
            if (_disposed) return -1;
            long index = NextSendIndex(ssrc, seq);

            rtp.CopyTo(output);
            Span<byte> iv = stackalloc byte[16];
            BuildIv(_keys.RtpSalt, ssrc, index, iv);
            _rtpCipher.Transform(iv, output.Slice(headerLength, rtp.Length - headerLength));
            WriteRtpTag(output[..rtp.Length], (uint)(index >> 16), output.Slice(rtp.Length, _rtpTagLength));
            return rtp.Length + _rtpTagLength;
        }
    }

    /// <summary>The SRTP index of a packet we send (call under the lock); the stream's highest index moves with it.</summary>
    private long NextSendIndex(uint ssrc, ushort seq)
    {
        ref var known = ref SendSlot(ssrc);
        if (!Unsafe.IsNullRef(ref known))
        {
            long index = SrtpIndex.Estimate(known.HighestIndex, seq);
            if (index < 0) index = seq; // a retransmission from before the first wrap
            if (index > known.HighestIndex) known = known with { HighestIndex = index };
            return index;
        }
        var first = new SendRtpSlot(ssrc, seq, true);
        if (!_sendA.Used) _sendA = first;
        else if (!_sendB.Used) _sendB = first;
        else
        {
            if (_sendRtp.Count >= MaxSsrcs) _sendRtp.Clear();
            _sendRtp[ssrc] = first;
        }
        return seq;
    }

    /// <summary>
    /// Where a sent stream's highest index lives (call under the lock), or a null ref for a stream not sent yet. A sending
    /// peer has two streams (audio, video): theirs live in the context itself, so a packet touches no dictionary (at each
    /// peer's visit the pacer found its buckets and entries cold). More go to the map.
    /// </summary>
    private ref SendRtpSlot SendSlot(uint ssrc)
    {
        if (_sendA.Used && _sendA.Ssrc == ssrc) return ref _sendA;
        if (_sendB.Used && _sendB.Ssrc == ssrc) return ref _sendB;
        return ref CollectionsMarshal.GetValueRefOrNullRef(_sendRtp, ssrc);
    }

    /// <summary>Authenticates, replay-checks and decrypts an SRTP packet. Null if malformed, forged or replayed.</summary>
    public byte[]? UnprotectRtp(ReadOnlySpan<byte> srtp)
    {
        if (srtp.Length < RtpHeaderLength + _rtpTagLength) return null;
        ReadOnlySpan<byte> authenticated = srtp[..^_rtpTagLength];
        int headerLength = RtpHeaderLengthOf(authenticated);
        if (headerLength < 0) return null;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtp[8..]);
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(srtp[2..]);

        lock (_lock)
        {
            if (_disposed) return null;
            bool known = _receiveRtp.TryGetValue(ssrc, out SrtpReplayWindow window);
            // RFC 3711 §3.3.1: the first packet of a stream sets s_l, with ROC 0.
            long index = known ? SrtpIndex.Estimate(window.Highest, seq) : seq;
            if (index < 0 || !window.IsAcceptable(index)) return null;

            Span<byte> tag = stackalloc byte[20];
            ComputeTag(_rtpMac, authenticated, (uint)(index >> 16), withRoc: true, tag);
            if (!CryptographicOperations.FixedTimeEquals(tag[.._rtpTagLength], srtp[^_rtpTagLength..])) return null;

            byte[] output = authenticated.ToArray();
            Span<byte> iv = stackalloc byte[16];
            BuildIv(_keys.RtpSalt, ssrc, index, iv);
            _rtpCipher.Transform(iv, output.AsSpan(headerLength));

            if (!known && _receiveRtp.Count >= MaxSsrcs) _receiveRtp.Clear();
            window.Accept(index);
            _receiveRtp[ssrc] = window;
            return output;
        }
    }

    /// <summary>Encrypts and authenticates a (compound) RTCP packet, appending E-bit + SRTCP index and the tag.</summary>
    public byte[]? ProtectRtcp(ReadOnlySpan<byte> rtcp)
    {
        var output = new byte[ProtectedRtcpLength(rtcp.Length)];
        return ProtectRtcp(rtcp, output) > 0 ? output : null;
    }

    /// <summary>The SRTCP packet's length for an RTCP packet of <paramref name="rtcpLength"/> bytes.</summary>
    public int ProtectedRtcpLength(int rtcpLength) => rtcpLength + SrtcpIndexLength + _rtcpTagLength;

    /// <summary>As <see cref="ProtectRtcp(ReadOnlySpan{byte})"/>, into <paramref name="output"/>; its length, or -1.</summary>
    public int ProtectRtcp(ReadOnlySpan<byte> rtcp, Span<byte> output)
    {
        if (!IsRtcpHeader(rtcp) || output.Length < ProtectedRtcpLength(rtcp.Length)) return -1;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(rtcp[4..]);
        lock (_lock)
        {
            if (_disposed) return -1;
            if (!_sendRtcp.TryGetValue(ssrc, out uint index) && _sendRtcp.Count >= MaxSsrcs) _sendRtcp.Clear();
            _sendRtcp[ssrc] = (index + 1) & 0x7FFF_FFFF;
            ProtectRtcpLocked(rtcp, ssrc, index, output);
            return ProtectedRtcpLength(rtcp.Length);
        }
    }

    /// <summary>ProtectRtcp with an explicit SRTCP index; for vectors produced by other implementations.</summary>
    internal byte[]? ProtectRtcp(ReadOnlySpan<byte> rtcp, uint srtcpIndex)
    {
        if (!IsRtcpHeader(rtcp)) return null;
        var output = new byte[ProtectedRtcpLength(rtcp.Length)];
        lock (_lock)
        {
            if (_disposed) return null;
            ProtectRtcpLocked(rtcp, BinaryPrimitives.ReadUInt32BigEndian(rtcp[4..]), srtcpIndex & 0x7FFF_FFFF, output);
            return output;
        }
    }

    private void ProtectRtcpLocked(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output)
    {
        rtcp.CopyTo(output);
        Span<byte> iv = stackalloc byte[16];
        BuildIv(_keys.RtcpSalt, ssrc, index, iv);
        _rtcpCipher.Transform(iv, output.Slice(RtcpHeaderLength, rtcp.Length - RtcpHeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(output[rtcp.Length..], SrtcpEncryptedFlag | index);
        int authenticatedLength = rtcp.Length + SrtcpIndexLength;
        Span<byte> tag = stackalloc byte[20];
        ComputeTag(_rtcpMac, output[..authenticatedLength], 0, withRoc: false, tag);
        tag[.._rtcpTagLength].CopyTo(output[authenticatedLength..]);
    }

    /// <summary>Authenticates, replay-checks and decrypts an SRTCP packet. Null if malformed, forged or replayed.</summary>
    public byte[]? UnprotectRtcp(ReadOnlySpan<byte> srtcp)
    {
        if (srtcp.Length < RtcpHeaderLength + SrtcpIndexLength + _rtcpTagLength) return null;
        ReadOnlySpan<byte> authenticated = srtcp[..^_rtcpTagLength];
        if (!IsRtcpHeader(authenticated)) return null;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(srtcp[4..]);
        uint eAndIndex = BinaryPrimitives.ReadUInt32BigEndian(authenticated[^SrtcpIndexLength..]);
        bool encrypted = (eAndIndex & SrtcpEncryptedFlag) != 0;
        long index = eAndIndex & 0x7FFF_FFFF;

        lock (_lock)
        {
            if (_disposed) return null;
            bool known = _receiveRtcp.TryGetValue(ssrc, out SrtpReplayWindow window);
            if (!window.IsAcceptable(index)) return null;

            Span<byte> tag = stackalloc byte[20];
            ComputeTag(_rtcpMac, authenticated, 0, withRoc: false, tag);
            if (!CryptographicOperations.FixedTimeEquals(tag[.._rtcpTagLength], srtcp[^_rtcpTagLength..])) return null;

            byte[] output = authenticated[..^SrtcpIndexLength].ToArray();
            if (encrypted)
            {
                Span<byte> iv = stackalloc byte[16];
                BuildIv(_keys.RtcpSalt, ssrc, index, iv);
                _rtcpCipher.Transform(iv, output.AsSpan(RtcpHeaderLength));
            }

            if (!known && _receiveRtcp.Count >= MaxSsrcs) _receiveRtcp.Clear();
            window.Accept(index);
            _receiveRtcp[ssrc] = window;
            return output;
        }
    }

    /// <summary>The rollover counter we currently use when sending on <paramref name="ssrc"/> (0 if unknown).</summary>
    public uint GetSendRolloverCounter(uint ssrc)
    {
        lock (_lock)
        {
            ref var known = ref SendSlot(ssrc);
            return Unsafe.IsNullRef(ref known) ? 0 : (uint)(known.HighestIndex >> 16);
        }
    }

    /// <summary>The rollover counter we currently estimate for packets received on <paramref name="ssrc"/>.</summary>
    public uint GetReceiveRolloverCounter(uint ssrc)
    {
        lock (_lock) return _receiveRtp.TryGetValue(ssrc, out SrtpReplayWindow w) ? (uint)(w.Highest >> 16) : 0;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _rtpCipher.Dispose();
            _rtcpCipher.Dispose();
            _rtpMac.Dispose();
            _rtcpMac.Dispose();
        }
    }

    /// <summary>IV = (k_s · 2^16) XOR (SSRC · 2^64) XOR (i · 2^16), RFC 3711 §4.1.1.</summary>
    internal static void BuildIv(ReadOnlySpan<byte> sessionSalt, uint ssrc, long index, Span<byte> iv)
    {
        iv.Clear();
        sessionSalt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (int i = 0; i < 6; i++) iv[13 - i] ^= (byte)(index >> (8 * i));
    }

    private void WriteRtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> destination)
    {
        Span<byte> tag = stackalloc byte[20];
        ComputeTag(_rtpMac, authenticated, roc, withRoc: true, tag);
        tag[..destination.Length].CopyTo(destination);
    }

    private static void ComputeTag(IncrementalHash mac, ReadOnlySpan<byte> authenticated, uint roc, bool withRoc, Span<byte> tag20)
    {
        mac.AppendData(authenticated);
        if (withRoc)
        {
            Span<byte> rocBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
            mac.AppendData(rocBytes);
        }
        mac.GetHashAndReset(tag20);
    }

    /// <summary>Length of the RTP header including CSRCs and extension, or -1 if the lengths do not fit.</summary>
    internal static int RtpHeaderLengthOf(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < RtpHeaderLength || (packet[0] >> 6) != 2) return -1;
        int length = RtpHeaderLength + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4) return -1;
            length += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
        }
        return length <= packet.Length ? length : -1;
    }

    private static bool IsRtcpHeader(ReadOnlySpan<byte> packet) =>
        packet.Length >= RtcpHeaderLength && (packet[0] >> 6) == 2;

    private readonly record struct SendRtpSlot(uint Ssrc, long HighestIndex, bool Used);
}
