using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>A type-length-value parameter as used inside INIT, INIT-ACK, HEARTBEAT and RE-CONFIG.</summary>
public sealed record SctpParameter(ushort Type, byte[] Value)
{
    public const ushort HeartbeatInfo = 1;
    public const ushort StateCookie = 7;
    public const ushort OutgoingSsnResetRequest = 13;
    public const ushort IncomingSsnResetRequest = 14;
    public const ushort ReconfigurationResponse = 16;
    public const ushort SupportedExtensions = 0x8008;
    public const ushort ForwardTsnSupported = 0xC000;

    public int PaddedLength => SctpChunk.Pad4(4 + Value.Length);

    public static bool TryParseList(ReadOnlySpan<byte> data, [NotNullWhen(true)] out List<SctpParameter>? parameters)
    {
        parameters = new List<SctpParameter>();
        int offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < 4) { parameters = null; return false; }
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (length < 4 || length > data.Length - offset) { parameters = null; return false; }
            parameters.Add(new SctpParameter(type, data.Slice(offset + 4, length - 4).ToArray()));
            offset = Math.Min(data.Length, offset + SctpChunk.Pad4(length));
        }
        return true;
    }

    public static int WriteList(Span<byte> destination, IEnumerable<SctpParameter> parameters)
    {
        int offset = 0;
        foreach (var p in parameters)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], p.Type);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(4 + p.Value.Length));
            p.Value.CopyTo(destination[(offset + 4)..]);
            destination.Slice(offset + 4 + p.Value.Length, p.PaddedLength - 4 - p.Value.Length).Clear();
            offset += p.PaddedLength;
        }
        return offset;
    }

    public static byte[] EncodeList(IReadOnlyCollection<SctpParameter> parameters)
    {
        var buffer = new byte[parameters.Sum(p => p.PaddedLength)];
        WriteList(buffer, parameters);
        return buffer;
    }
}
