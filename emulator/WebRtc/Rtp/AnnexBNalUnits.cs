namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>Splits an H.264 Annex-B byte stream (00 00 01 / 00 00 00 01 start codes) into NAL units.</summary>
public static class AnnexBNalUnits
{
    /// <summary>Returns (offset, length) of each NAL unit without its start code; empty NALs are skipped.</summary>
    public static List<(int Offset, int Length)> Split(ReadOnlySpan<byte> stream)
    {
        var result = new List<(int, int)>();
        int start = -1, i = 0;
        while (i + 2 < stream.Length)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1)
            {
                if (start >= 0) AddTrimmed(stream, start, i, result);
                i += 3;
                start = i;
            }
            else i++;
        }
        // A stream without any start code is treated as one bare NAL, which is what callers handing raw NALs expect.
        if (start < 0) start = 0;
        AddTrimmed(stream, start, stream.Length, result);
        return result;
    }

    private static void AddTrimmed(ReadOnlySpan<byte> s, int start, int end, List<(int, int)> into)
    {
        // Trailing zeros belong to the next 4-byte start code (or are trailing_zero_8bits), never to the NAL.
        while (end > start && s[end - 1] == 0) end--;
        if (end > start) into.Add((start, end - start));
    }
}
