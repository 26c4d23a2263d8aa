namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>Splits an H.264 Annex-B byte stream (00 00 01 / 00 00 00 01 start codes) into NAL units.</summary>
public static class AnnexBNalUnits
{
    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    /// <summary>Returns (offset, length) of each NAL unit without its start code; empty NALs are skipped.</summary>
    public static List<(int Offset, int Length)> Split(ReadOnlySpan<byte> stream)
    {
        var result = new List<(int, int)>();
        Split(stream, result);
        return result;
    }

    /// <summary>As <see cref="Split(ReadOnlySpan{byte})"/>, into a list the caller reuses (cleared first).</summary>
    public static void Split(ReadOnlySpan<byte> stream, List<(int Offset, int Length)> into)
    {
        into.Clear();
        int start = -1, i = 0;
        while (i + 2 < stream.Length)
        {
            // A vectorised search: a 720p access unit is tens of kilobytes, scanned for every frame sent.
            int found = stream[i..].IndexOf(StartCode);
            if (found < 0) break;
            if (start >= 0) AddTrimmed(stream, start, i + found, into);
            i += found + 3;
            start = i;
        }
        // A stream without any start code is treated as one bare NAL, which is what callers handing raw NALs expect.
        if (start < 0) start = 0;
        AddTrimmed(stream, start, stream.Length, into);
    }

    private static void AddTrimmed(ReadOnlySpan<byte> s, int start, int end, List<(int, int)> into)
    {
        // Trailing zeros belong to the next 4-byte start code (or are trailing_zero_8bits), never to the NAL.
        while (end > start && s[end - 1] == 0) end--;
        if (end > start) into.Add((start, end - start));
    }
}
