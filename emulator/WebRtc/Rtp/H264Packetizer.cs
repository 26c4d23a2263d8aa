namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>
/// H.264 payload format (RFC 6184), packetization-mode 1: single NAL unit packets, FU-A above the size limit.
/// SPS/PPS travel as their own packets in front of each IDR; if an IDR access unit lacks them the last ones seen
/// are re-sent, because a browser that joins or recovers mid-stream cannot decode the IDR otherwise.
/// Not thread-safe (it keeps the last SPS/PPS and a NAL list it reuses): one per stream.
/// </summary>
public sealed class H264Packetizer : IRtpPacketizer
{
    public const byte NalSlice = 1, NalIdr = 5, NalSei = 6, NalSps = 7, NalPps = 8, NalAud = 9, NalFuA = 28;

    private readonly int _maxPayloadSize;
    private readonly bool _dropSei;
    private readonly List<(int Offset, int Length)> _nals = [];
    private byte[]? _sps, _pps;

    public H264Packetizer(int maxPayloadSize = RtpDefaults.MaxPayloadSize, bool dropSei = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 3);
        _maxPayloadSize = maxPayloadSize;
        _dropSei = dropSei;
    }

    /// <summary>Packetises one Annex-B access unit (a bare NAL without start code is accepted too).</summary>
    public void Packetize(ReadOnlySpan<byte> frame, IRtpPayloadSink sink)
    {
        AnnexBNalUnits.Split(frame, _nals);
        bool hasSps = false, hasPps = false;
        int firstIdr = -1, last = -1;
        for (int n = 0; n < _nals.Count; n++)
        {
            var nal = frame.Slice(_nals[n].Offset, _nals[n].Length);
            int type = nal[0] & 0x1F;
            if (Dropped(type)) continue;
            last = n;
            if (type == NalSps) { Remember(ref _sps, nal); hasSps = true; }
            else if (type == NalPps) { Remember(ref _pps, nal); hasPps = true; }
            else if (type == NalIdr && firstIdr < 0) firstIdr = n;
        }
        for (int n = 0; n < _nals.Count; n++)
        {
            var nal = frame.Slice(_nals[n].Offset, _nals[n].Length);
            int type = nal[0] & 0x1F;
            if (Dropped(type)) continue;
            if (n == firstIdr)
            {
                if (!hasSps && _sps is not null) Emit(_sps, false, sink);
                if (!hasPps && _pps is not null) Emit(_pps, false, sink);
            }
            Emit(nal, n == last, sink);
        }
    }

    private bool Dropped(int type) => type == NalAud || (type == NalSei && _dropSei);

    /// <summary>Keeps a copy of a parameter set, allocating only when it changes (it rarely does).</summary>
    private static void Remember(ref byte[]? kept, ReadOnlySpan<byte> nal)
    {
        if (kept is null || !nal.SequenceEqual(kept)) kept = nal.ToArray();
    }

    private void Emit(ReadOnlySpan<byte> nal, bool lastNal, IRtpPayloadSink sink)
    {
        if (nal.Length <= _maxPayloadSize)
        {
            nal.CopyTo(sink.NextPayload());
            sink.Commit(nal.Length, lastNal);
            return;
        }
        byte indicator = (byte)((nal[0] & 0xE0) | NalFuA);
        byte type = (byte)(nal[0] & 0x1F);
        int maxData = _maxPayloadSize - 2;
        int dataLength = nal.Length - 1; // the NAL header is carried by the FU indicator/header
        int count = (dataLength + maxData - 1) / maxData;
        int baseSize = dataLength / count, extra = dataLength % count;
        int offset = 1;
        for (int i = 0; i < count; i++)
        {
            int size = baseSize + (i < extra ? 1 : 0);
            var payload = sink.NextPayload();
            payload[0] = indicator;
            payload[1] = (byte)((i == 0 ? 0x80 : 0) | (i == count - 1 ? 0x40 : 0) | type);
            nal.Slice(offset, size).CopyTo(payload[2..]);
            offset += size;
            sink.Commit(size + 2, lastNal && i == count - 1);
        }
    }
}
