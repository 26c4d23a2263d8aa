namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>
/// H.264 payload format (RFC 6184), packetization-mode 1: single NAL unit packets, FU-A above the size limit.
/// SPS/PPS travel as their own packets in front of each IDR; if an IDR access unit lacks them the last ones seen
/// are re-sent, because a browser that joins or recovers mid-stream cannot decode the IDR otherwise.
/// </summary>
public sealed class H264Packetizer : IRtpPacketizer
{
    public const byte NalSlice = 1, NalIdr = 5, NalSei = 6, NalSps = 7, NalPps = 8, NalAud = 9, NalFuA = 28;

    private readonly int _maxPayloadSize;
    private readonly bool _dropSei;
    private byte[]? _sps, _pps;

    public H264Packetizer(int maxPayloadSize = RtpDefaults.MaxPayloadSize, bool dropSei = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 3);
        _maxPayloadSize = maxPayloadSize;
        _dropSei = dropSei;
    }

    /// <summary>Packetises one Annex-B access unit (a bare NAL without start code is accepted too).</summary>
    public IReadOnlyList<RtpPayloadChunk> Packetize(ReadOnlySpan<byte> frame)
    {
        var accessUnit = frame;
        var nals = new List<byte[]>();
        bool hasSps = false, hasPps = false, hasIdr = false;
        foreach (var (offset, length) in AnnexBNalUnits.Split(accessUnit))
        {
            var nal = accessUnit.Slice(offset, length);
            int type = nal[0] & 0x1F;
            if (type == NalAud || (type == NalSei && _dropSei)) continue;
            if (type == NalSps) { _sps = nal.ToArray(); hasSps = true; }
            else if (type == NalPps) { _pps = nal.ToArray(); hasPps = true; }
            else if (type == NalIdr && !hasIdr)
            {
                hasIdr = true;
                if (!hasPps && _pps is not null) nals.Insert(0, _pps);
                if (!hasSps && _sps is not null) nals.Insert(0, _sps);
            }
            nals.Add(type is NalSps ? _sps! : type is NalPps ? _pps! : nal.ToArray());
        }

        var chunks = new List<RtpPayloadChunk>();
        for (int n = 0; n < nals.Count; n++)
        {
            bool lastNal = n == nals.Count - 1;
            var nal = nals[n];
            if (nal.Length <= _maxPayloadSize)
            {
                chunks.Add(new RtpPayloadChunk(nal, lastNal));
                continue;
            }
            AddFuA(nal, lastNal, chunks);
        }
        return chunks;
    }

    private void AddFuA(byte[] nal, bool lastNal, List<RtpPayloadChunk> chunks)
    {
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
            var payload = new byte[size + 2];
            payload[0] = indicator;
            payload[1] = (byte)((i == 0 ? 0x80 : 0) | (i == count - 1 ? 0x40 : 0) | type);
            Array.Copy(nal, offset, payload, 2, size);
            offset += size;
            chunks.Add(new RtpPayloadChunk(payload, lastNal && i == count - 1));
        }
    }
}
