using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Result codes of a Re-configuration Response (RFC 6525 §4.4).</summary>
public enum ReconfigResult : uint
{
    SuccessNothingToDo = 0,
    SuccessPerformed = 1,
    Denied = 2,
    ErrorWrongSsn = 3,
    ErrorRequestAlreadyInProgress = 4,
    ErrorBadSequenceNumber = 5,
    InProgress = 6,
}

/// <summary>Outgoing SSN Reset Request (RFC 6525 §4.1): "I will send no more on these streams after LastAssignedTsn".</summary>
public sealed record OutgoingSsnResetRequest(uint RequestSequence, uint ResponseSequence, uint LastAssignedTsn, IReadOnlyList<ushort> Streams)
{
    public static bool TryParse(SctpParameter p, [NotNullWhen(true)] out OutgoingSsnResetRequest? request)
    {
        request = null;
        var v = p.Value;
        if (p.Type != SctpParameter.OutgoingSsnResetRequest || v.Length < 12 || (v.Length - 12) % 2 != 0) return false;
        var streams = new ushort[(v.Length - 12) / 2];
        for (int i = 0; i < streams.Length; i++) streams[i] = BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(12 + i * 2));
        request = new OutgoingSsnResetRequest(BinaryPrimitives.ReadUInt32BigEndian(v), BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(4)),
            BinaryPrimitives.ReadUInt32BigEndian(v.AsSpan(8)), streams);
        return true;
    }

    public SctpParameter ToParameter()
    {
        var v = new byte[12 + Streams.Count * 2];
        BinaryPrimitives.WriteUInt32BigEndian(v, RequestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), ResponseSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(8), LastAssignedTsn);
        for (int i = 0; i < Streams.Count; i++) BinaryPrimitives.WriteUInt16BigEndian(v.AsSpan(12 + i * 2), Streams[i]);
        return new SctpParameter(SctpParameter.OutgoingSsnResetRequest, v);
    }
}

/// <summary>Re-configuration Response (RFC 6525 §4.4), without the optional TSN fields.</summary>
public sealed record ReconfigResponse(uint ResponseSequence, ReconfigResult Result)
{
    public static bool TryParse(SctpParameter p, [NotNullWhen(true)] out ReconfigResponse? response)
    {
        response = null;
        if (p.Type != SctpParameter.ReconfigurationResponse || p.Value.Length < 8) return false;
        response = new ReconfigResponse(BinaryPrimitives.ReadUInt32BigEndian(p.Value), (ReconfigResult)BinaryPrimitives.ReadUInt32BigEndian(p.Value.AsSpan(4)));
        return true;
    }

    public SctpParameter ToParameter()
    {
        var v = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(v, ResponseSequence);
        BinaryPrimitives.WriteUInt32BigEndian(v.AsSpan(4), (uint)Result);
        return new SctpParameter(SctpParameter.ReconfigurationResponse, v);
    }
}

/// <summary>RE-CONFIG chunk (RFC 6525 §3.1): one or two parameters.</summary>
public static class ReconfigChunk
{
    public static bool TryParse(SctpChunk chunk, [NotNullWhen(true)] out List<SctpParameter>? parameters)
    {
        parameters = null;
        return chunk.ChunkType == SctpChunkType.ReConfig && SctpParameter.TryParseList(chunk.Value, out parameters) && parameters.Count > 0;
    }

    public static SctpChunk Encode(IReadOnlyCollection<SctpParameter> parameters) =>
        new(SctpChunkType.ReConfig, 0, SctpParameter.EncodeList(parameters));
}
