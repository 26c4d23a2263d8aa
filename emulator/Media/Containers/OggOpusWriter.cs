using System.Buffers.Binary;

namespace HeyGenEmulator.Media.Containers;

/// <summary>
/// Writes Opus packets into a minimal Ogg Opus file (one packet per page), so packets we send can be checked by
/// decoding them with ffmpeg. Mono, 48 kHz, pre-skip 0.
/// </summary>
public static class OggOpusWriter
{
    public static byte[] Write(IEnumerable<byte[]> packets, uint serial = 0x4F505553)
    {
        using var output = new MemoryStream();
        uint sequence = 0;
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1; // version
        head[9] = 1; // channels
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), 48_000);
        WritePage(output, head, 0x02, 0, serial, sequence++);
        var tags = new byte[16];
        "OpusTags"u8.CopyTo(tags);
        WritePage(output, tags, 0, 0, serial, sequence++);

        var list = packets.ToList();
        ulong granule = 0;
        for (int i = 0; i < list.Count; i++)
        {
            granule += (ulong)OpusToc.SamplesPerPacket(list[i]);
            WritePage(output, list[i], i == list.Count - 1 ? (byte)0x04 : (byte)0, granule, serial, sequence++);
        }
        return output.ToArray();
    }

    private static void WritePage(Stream output, byte[] packet, byte flags, ulong granule, uint serial, uint sequence)
    {
        int segments = packet.Length / 255 + 1;
        if (segments > 255) throw new ArgumentException("packet too large for one Ogg page");
        var page = new byte[27 + segments + packet.Length];
        "OggS"u8.CopyTo(page);
        page[5] = flags;
        BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), serial);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), sequence);
        page[26] = (byte)segments;
        for (int s = 0; s < segments - 1; s++) page[27 + s] = 255;
        page[27 + segments - 1] = (byte)(packet.Length % 255);
        packet.CopyTo(page, 27 + segments);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggCrc(page));
        output.Write(page);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint r = i << 24;
            for (int b = 0; b < 8; b++) r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            table[i] = r;
        }
        return table;
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, zero init, computed with the CRC field zeroed.</summary>
    private static uint OggCrc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        foreach (byte b in page) crc = (crc << 8) ^ CrcTable[(crc >> 24) ^ b];
        return crc;
    }
}
