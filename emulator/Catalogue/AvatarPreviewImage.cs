using System.Buffers.Binary;
using System.IO.Compression;
using HeyGenEmulator.WebRtc.Stun;

namespace HeyGenEmulator.Catalogue;

/// <summary>
/// The avatar list's <c>normal_preview</c> image: the drawn avatar's idle frame (the face of
/// <c>FfmpegArguments.DrawnClip</c>: blue background, round face, two eyes, a closed mouth) as a PNG written here, so it
/// needs no ffmpeg and is the same with media on or off. Rendered once; every avatar is drawn alike.
/// <see cref="TalkingBytes"/> is the talking loop's widest-open frame (its darker background, the mouth at its peak): the
/// dashboard's preview shows one or the other by the session's state, which costs the media nothing.
/// </summary>
public static class AvatarPreviewImage
{
    public const int Width = 320, Height = 180;
    public const string ContentType = "image/png";

    private static readonly Lazy<byte[]> Idle = new(() => Render(talking: false));
    private static readonly Lazy<byte[]> Talking = new(() => Render(talking: true));

    public static byte[] Bytes => Idle.Value;

    public static byte[] TalkingBytes => Talking.Value;

    private static byte[] Render(bool talking)
    {
        // DrawnClip's constants: the talking loop's background and its mouth's half-height at the peak of the sine.
        var (br, bg, bb) = talking ? ((byte)0x2f, (byte)0x5f, (byte)0x8f) : ((byte)0x3b, (byte)0x6e, (byte)0xa5);
        var mouthRy = talking ? 0.012 + 0.075 : 0.022;
        const int stride = Width * 3 + 1; // each row starts with its filter byte (0: none)
        var raw = new byte[stride * Height];
        double face = Height * 0.7, cx = Width / 2.0, cy = Height / 2.0 - Height * 0.06;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // Coordinates inside the face square, as the drawn clip's geq sees them (W = H = face).
                double fx = x - (cx - face / 2), fy = y - (cy - face / 2);
                var (r, g, b) = (br, bg, bb);
                if (Math.Sqrt(Square(fx - face / 2) + Square(fy - face / 2)) <= face * 0.48)
                {
                    var mouth = Math.Sqrt(Square((fx - face * 0.5) / (face * 0.17)) + Square((fy - face * 0.72) / (face * mouthRy))) < 1;
                    var eye = Math.Sqrt(Square(Math.Abs(fx - face * 0.5) - face * 0.16) + Square(fy - face * 0.4)) < face * 0.06;
                    (r, g, b) = mouth ? ((byte)150, (byte)30, (byte)40) : eye ? ((byte)30, (byte)30, (byte)45) : ((byte)240, (byte)200, (byte)160);
                }
                var at = y * stride + 1 + x * 3;
                (raw[at], raw[at + 1], raw[at + 2]) = (r, g, b);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static double Square(double v) => v * v;

    /// <summary>length, type, data, then the CRC-32 of type and data (PNG uses the same CRC as STUN's FINGERPRINT).</summary>
    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(typed));
        png.Write(number);
    }
}
