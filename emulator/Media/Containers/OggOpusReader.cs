using System.Buffers.Binary;

namespace HeyGenEmulator.Media.Containers;

/// <summary>One Opus packet and how many 48 kHz samples it covers (from its TOC byte).</summary>
public sealed record OpusPacket(byte[] Data, int Samples)
{
    public TimeSpan Duration => TimeSpan.FromMilliseconds(Samples / 48.0);
}

/// <summary>
/// Reads Opus packets out of an Ogg file (RFC 7845): pages with segment tables, packets continued across lacing
/// values of 255 and across pages. The OpusHead and OpusTags header packets are skipped. Only the first logical
/// stream is read. A corrupt or truncated page ends the read with the packets seen so far.
/// </summary>
public static class OggOpusReader
{
    public static IReadOnlyList<OpusPacket> Read(string path) => Read(File.ReadAllBytes(path));

    public static IReadOnlyList<OpusPacket> Read(ReadOnlySpan<byte> data)
    {
        var packets = new List<OpusPacket>();
        var partial = new List<byte>();
        uint? serial = null;
        int offset = 0;
        while (data.Length - offset >= 27)
        {
            var page = data[offset..];
            if (!page[..4].SequenceEqual("OggS"u8) || page[4] != 0) break;
            uint pageSerial = BinaryPrimitives.ReadUInt32LittleEndian(page[14..]);
            int segments = page[26];
            if (page.Length < 27 + segments) break;
            var lacing = page.Slice(27, segments);
            int bodyLength = 0;
            foreach (byte l in lacing) bodyLength += l;
            if (page.Length < 27 + segments + bodyLength) break;
            var body = page.Slice(27 + segments, bodyLength);
            offset += 27 + segments + bodyLength;

            serial ??= pageSerial;
            if (pageSerial != serial) continue; // another multiplexed stream

            bool continued = (page[5] & 0x01) != 0;
            if (!continued) partial.Clear(); // a dangling continuation from a lost page is useless
            int pos = 0;
            foreach (byte l in lacing)
            {
                for (int i = 0; i < l; i++) partial.Add(body[pos + i]);
                pos += l;
                if (l < 255)
                {
                    AddPacket(partial, packets);
                    partial.Clear();
                }
            }
        }
        return packets;
    }

    private static void AddPacket(List<byte> bytes, List<OpusPacket> into)
    {
        if (bytes.Count == 0) return;
        var data = bytes.ToArray();
        if (StartsWith(data, "OpusHead"u8) || StartsWith(data, "OpusTags"u8)) return;
        into.Add(new OpusPacket(data, OpusToc.SamplesPerPacket(data)));
    }

    private static bool StartsWith(byte[] data, ReadOnlySpan<byte> magic) => data.AsSpan().StartsWith(magic);
}

/// <summary>Reads an Opus packet's TOC byte (RFC 6716 §3.1).</summary>
public static class OpusToc
{
    /// <summary>48 kHz samples in the packet; 0 if malformed.</summary>
    public static int SamplesPerPacket(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty) return 0;
        int config = packet[0] >> 3;
        int frameSamples = config switch
        {
            < 12 => (config & 3) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 },
            < 16 => (config & 1) == 0 ? 480 : 960,
            _ => (config & 3) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 },
        };
        int frames = (packet[0] & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length >= 2 ? packet[1] & 0x3F : 0,
        };
        long total = (long)frames * frameSamples;
        return total > 5760 ? 0 : (int)total;
    }
}
