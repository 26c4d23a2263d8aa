using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>INIT and INIT-ACK share one layout (RFC 9260 §3.3.2–3.3.3); INIT-ACK also carries the state cookie.</summary>
public sealed record InitChunk(bool IsAck, uint InitiateTag, uint AdvertisedReceiverWindow, ushort OutboundStreams,
    ushort InboundStreams, uint InitialTsn, IReadOnlyList<SctpParameter> Parameters)
{
    /// <summary>Extensions WebRTC peers use and we implement: RE-CONFIG and FORWARD-TSN.</summary>
    public static readonly byte[] OurExtensions = [(byte)SctpChunkType.ReConfig, (byte)SctpChunkType.ForwardTsn];

    public static bool TryParse(SctpChunk chunk, [NotNullWhen(true)] out InitChunk? init)
    {
        init = null;
        var v = chunk.Value;
        if ((chunk.ChunkType != SctpChunkType.Init && chunk.ChunkType != SctpChunkType.InitAck) || v.Length < 16) return false;
        if (!SctpParameter.TryParseList(v.AsSpan(16), out var parameters)) return false;
        init = new InitChunk(chunk.ChunkType == SctpChunkType.InitAck,
            BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(4)),
            BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(8)), BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(10)),
            BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(12)), parameters);
        return true;
    }

    public SctpChunk ToChunk()
    {
        var v = new byte[16 + Parameters.Sum(p => p.PaddedLength)];
        BinaryPrimitives.WriteUInt32BigEndian(v, InitiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), AdvertisedReceiverWindow);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(8), OutboundStreams);
        BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(10), InboundStreams);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(12), InitialTsn);
        SctpParameter.WriteList(v.AsSpan(16), Parameters);
        return new SctpChunk(IsAck ? SctpChunkType.InitAck : SctpChunkType.Init, 0, v);
    }

    public byte[]? StateCookie => Parameters.FirstOrDefault(p => p.Type == SctpParameter.StateCookie)?.Value;

    public bool SupportsForwardTsn =>
        Parameters.Any(p => p.Type == SctpParameter.ForwardTsnSupported) || SupportsExtension(SctpChunkType.ForwardTsn);

    public bool SupportsExtension(SctpChunkType type) =>
        Parameters.Any(p => p.Type == SctpParameter.SupportedExtensions && p.Value.Contains((byte)type));

    /// <summary>The two capability parameters Chromium sends and expects back.</summary>
    public static IEnumerable<SctpParameter> CapabilityParameters()
    {
        yield return new SctpParameter(SctpParameter.ForwardTsnSupported, []);
        yield return new SctpParameter(SctpParameter.SupportedExtensions, OurExtensions.ToArray());
    }
}
