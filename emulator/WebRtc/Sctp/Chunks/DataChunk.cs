using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>DATA chunk (RFC 9260 §3.3.1). Flags: U = unordered, B = first fragment, E = last fragment, I = SACK immediately.</summary>
public sealed record DataChunk(uint Tsn, ushort StreamId, ushort Ssn, uint Ppid, byte[] UserData,
    bool Unordered, bool Beginning, bool Ending, bool Immediate = false)
{
    public const int HeaderSize = 16; // chunk header + TSN, stream, SSN, PPID
    private const byte FlagE = 0x01, FlagB = 0x02, FlagU = 0x04, FlagI = 0x08;

    public static bool TryParse(SctpChunk chunk, [NotNullWhen(true)] out DataChunk? data)
    {
        data = null;
        var v = chunk.Value;
        // Empty user data is a protocol violation (RFC 9260 §6.2); treat as malformed.
        if (chunk.ChunkType != SctpChunkType.Data || v.Length <= 12) return false;
        data = new DataChunk(
            BinaryPrimitives.ReadUInt32BigEndian(v),
            BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(4)),
            BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(6)),
            BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(8)),
            v.AsSpan(12).ToArray(),
            (chunk.Flags & FlagU) != 0, (chunk.Flags & FlagB) != 0, (chunk.Flags & FlagE) != 0, (chunk.Flags & FlagI) != 0);
        return true;
    }

    public SctpChunk ToChunk() => Encode(Tsn, StreamId, Ssn, Ppid, UserData, Unordered, Beginning, Ending, Immediate);

    internal static SctpChunk Encode(uint tsn, ushort streamId, ushort ssn, uint ppid, ReadOnlySpan<byte> userData,
        bool unordered, bool beginning, bool ending, bool immediate = false)
    {
        var v = new byte[12 + userData.Length];
        BinaryPrimitives.WriteUInt32BigEndian(v, tsn);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(4), streamId);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(6), ssn);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(8), ppid);
        userData.CopyTo(v.AsSpan(12));
        byte flags = (byte)((unordered ? FlagU : 0) | (beginning ? FlagB : 0) | (ending ? FlagE : 0) | (immediate ? FlagI : 0));
        return new SctpChunk(SctpChunkType.Data, flags, v);
    }
}
