using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Gap Ack Block: TSN offsets relative to the cumulative TSN ack, both inclusive.</summary>
public readonly record struct GapAckBlock(ushort Start, ushort End);

/// <summary>SACK chunk (RFC 9260 §3.3.4).</summary>
public sealed record SackChunk(uint CumulativeTsnAck, uint AdvertisedReceiverWindow,
    IReadOnlyList<GapAckBlock> GapBlocks, IReadOnlyList<uint> DuplicateTsns)
{
    public static bool TryParse(SctpChunk chunk, [NotNullWhen(true)] out SackChunk? sack)
    {
        sack = null;
        var v = chunk.Value;
        if (chunk.ChunkType != SctpChunkType.Sack || v.Length < 12) return false;
        int gaps = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(8));
        int dups = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(10));
        if (12 + gaps * 4 + dups * 4 > v.Length) return false;
        var blocks = new GapAckBlock[gaps];
        for (int i = 0; i < gaps; i++)
            blocks[i] = new GapAckBlock(BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(12 + i * 4)),
                BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(14 + i * 4)));
        var duplicates = new uint[dups];
        for (int i = 0; i < dups; i++)
            duplicates[i] = BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(12 + gaps * 4 + i * 4));
        sack = new SackChunk(BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(4)), blocks, duplicates);
        return true;
    }

    public SctpChunk ToChunk()
    {
        var v = new byte[12 + GapBlocks.Count * 4 + DuplicateTsns.Count * 4];
        BinaryPrimitives.WriteUInt32BigEndian(v, CumulativeTsnAck);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(8), (ushort)GapBlocks.Count);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(10), (ushort)DuplicateTsns.Count);
        int offset = 12;
        foreach (var b in GapBlocks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(offset), b.Start);
            BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(offset + 2), b.End);
            offset += 4;
        }
        foreach (var d in DuplicateTsns)
        {
            BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(offset), d);
            offset += 4;
        }
        return new SctpChunk(SctpChunkType.Sack, 0, v);
    }
}
