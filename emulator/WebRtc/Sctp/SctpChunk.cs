namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// One chunk as it sits in a packet: type, flags and the value bytes (without the 4-byte
/// header and without padding). Typed views (DataChunk, InitChunk, ...) parse from and encode to this.
/// </summary>
public sealed record SctpChunk(byte Type, byte Flags, byte[] Value)
{
    public const int HeaderSize = 4;

    public SctpChunk(SctpChunkType type, byte flags, byte[] value) : this((byte)type, flags, value) { }

    public SctpChunkType ChunkType => (SctpChunkType)Type;

    /// <summary>Bytes this chunk takes in a packet, padding included.</summary>
    public int PaddedLength => Pad4(HeaderSize + Value.Length);

    internal static int Pad4(int n) => (n + 3) & ~3;
}
