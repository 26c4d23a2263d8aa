using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Stream and the highest SSN skipped on it by a FORWARD-TSN (ordered streams only).</summary>
public readonly record struct ForwardTsnStream(ushort StreamId, ushort Ssn);

/// <summary>FORWARD-TSN chunk (RFC 3758 §3.2): the receiver moves its cumulative TSN to NewCumulativeTsn.</summary>
public sealed record ForwardTsnChunk(uint NewCumulativeTsn, IReadOnlyList<ForwardTsnStream> Streams)
{
    public static bool TryParse(SctpChunk chunk, [NotNullWhen(true)] out ForwardTsnChunk? forward)
    {
        forward = null;
        var v = chunk.Value;
        if (chunk.ChunkType != SctpChunkType.ForwardTsn || v.Length < 4 || (v.Length - 4) % 4 != 0) return false;
        var streams = new ForwardTsnStream[(v.Length - 4) / 4];
        for (int i = 0; i < streams.Length; i++)
            streams[i] = new ForwardTsnStream(BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(4 + i * 4)),
                BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(6 + i * 4)));
        forward = new ForwardTsnChunk(BinaryPrimitives.ReadUInt32BigEndian(v), streams);
        return true;
    }

    public SctpChunk ToChunk()
    {
        var v = new byte[4 + Streams.Count * 4];
        BinaryPrimitives.WriteUInt32BigEndian(v, NewCumulativeTsn);
        for (int i = 0; i < Streams.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(4 + i * 4), Streams[i].StreamId);
            BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(6 + i * 4), Streams[i].Ssn);
        }
        return new SctpChunk(SctpChunkType.ForwardTsn, 0, v);
    }
}
