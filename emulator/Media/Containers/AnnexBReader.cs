using HeyGenEmulator.WebRtc.Rtp;

namespace HeyGenEmulator.Media.Containers;

/// <summary>One H.264 access unit (one picture) in Annex-B form, with what it contains.</summary>
public sealed record H264AccessUnit(byte[] Data, IReadOnlyList<int> NalTypes)
{
    public bool IsIdr => NalTypes.Contains(5);
    public bool HasSps => NalTypes.Contains(7);
    public bool HasPps => NalTypes.Contains(8);
}

/// <summary>
/// Splits a raw Annex-B H.264 stream into access units (ITU-T H.264 §7.4.1.2.3): a new unit starts at an AUD, at
/// SPS/PPS/SEI (and types 14–18) following a picture's slices, or at a slice whose first_mb_in_slice is 0.
/// Works with or without AUDs and with several slices per picture.
/// </summary>
public static class AnnexBReader
{
    public static IReadOnlyList<H264AccessUnit> ReadAccessUnits(string path) => ReadAccessUnits(File.ReadAllBytes(path));

    public static IReadOnlyList<H264AccessUnit> ReadAccessUnits(ReadOnlySpan<byte> stream)
    {
        var units = new List<H264AccessUnit>();
        var current = new List<(int Offset, int Length, int Type)>();
        bool currentHasVcl = false;

        // Not Annex-B at all: nothing to read (the shared splitter would take it for one bare NAL).
        if (stream.IndexOf([(byte)0, (byte)0, (byte)1]) < 0) return units;
        foreach (var (offset, length) in AnnexBNalUnits.Split(stream))
        {
            int type = stream[offset] & 0x1F;
            bool isVcl = type is >= 1 and <= 5;
            bool startsNew =
                type == 9 ||
                (currentHasVcl && (type is 6 or 7 or 8 or (>= 14 and <= 18))) ||
                (currentHasVcl && isVcl && length > 1 && (stream[offset + 1] & 0x80) != 0); // ue(v) 0 == first MB
            if (startsNew && current.Count > 0)
            {
                units.Add(Build(stream, current));
                current.Clear();
                currentHasVcl = false;
            }
            current.Add((offset, length, type));
            currentHasVcl |= isVcl;
        }
        if (current.Count > 0 && currentHasVcl) units.Add(Build(stream, current));
        return units;
    }

    private static H264AccessUnit Build(ReadOnlySpan<byte> stream, List<(int Offset, int Length, int Type)> nals)
    {
        var data = new byte[nals.Sum(n => n.Length + 4)];
        int o = 0;
        foreach (var n in nals)
        {
            data[o + 3] = 1;
            stream.Slice(n.Offset, n.Length).CopyTo(data.AsSpan(o + 4));
            o += 4 + n.Length;
        }
        return new H264AccessUnit(data, nals.Select(n => n.Type).ToArray());
    }
}
