using System.Buffers.Binary;

namespace HeyGenEmulator.Media.Containers;

public sealed record IvfFile(string FourCc, int Width, int Height, int TimebaseDenominator, int TimebaseNumerator,
    IReadOnlyList<EncodedVideoFrame> Frames);

/// <summary>
/// Reads IVF (the libvpx container): a 32-byte "DKIF" file header, then frames of a 12-byte header (size, pts) + data.
/// Never trusts a length: a truncated or oversize frame ends the read with the frames seen so far.
/// </summary>
public static class IvfReader
{
    public static IvfFile Read(string path) => Read(File.ReadAllBytes(path));

    public static IvfFile Read(ReadOnlySpan<byte> data)
    {
        var empty = new IvfFile("", 0, 0, 0, 0, []);
        if (data.Length < 32 || !data[..4].SequenceEqual("DKIF"u8)) return empty;
        int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        if (headerSize < 32 || headerSize > data.Length) headerSize = 32;
        string fourcc = System.Text.Encoding.ASCII.GetString(data.Slice(8, 4));
        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        int den = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[16..]), int.MaxValue);
        int num = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(data[20..]), int.MaxValue);
        if (den <= 0 || num <= 0) (den, num) = (25, 1); // nonsense timebase: assume our own 25 fps

        bool isVp8 = fourcc == "VP80";
        var frames = new List<EncodedVideoFrame>();
        int offset = headerSize;
        while (data.Length - offset >= 12)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
            long pts = BinaryPrimitives.ReadInt64LittleEndian(data[(offset + 4)..]);
            offset += 12;
            if (size == 0 || size > data.Length - offset) break;
            var frame = data.Slice(offset, (int)size).ToArray();
            offset += (int)size;
            bool key = isVp8 ? frame.Length >= 3 && (frame[0] & 1) == 0 : frames.Count == 0;
            var ts = TimeSpan.FromSeconds((double)pts * num / den);
            frames.Add(new EncodedVideoFrame(frame, key, ts));
        }
        return new IvfFile(fourcc, width, height, den, num, frames);
    }
}
