using System.Buffers.Binary;

namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>Encoders for the chunks that carry little or nothing.</summary>
internal static class SimpleChunks
{
    /// <summary>T flag on ABORT and SHUTDOWN-COMPLETE: the verification tag is the sender's own, reflected.</summary>
    public const byte FlagT = 0x01;

    public static SctpChunk CookieEcho(byte[] cookie) => new(SctpChunkType.CookieEcho, 0, cookie);
    public static SctpChunk CookieAck() => new(SctpChunkType.CookieAck, 0, []);
    public static SctpChunk HeartbeatAck(byte[] echoedValue) => new(SctpChunkType.HeartbeatAck, 0, echoedValue);
    public static SctpChunk Heartbeat(byte[] info) =>
        new(SctpChunkType.Heartbeat, 0, SctpParameter.EncodeList([new SctpParameter(SctpParameter.HeartbeatInfo, info)]));
    public static SctpChunk Abort() => new(SctpChunkType.Abort, 0, []);
    public static SctpChunk ShutdownAck() => new(SctpChunkType.ShutdownAck, 0, []);
    public static SctpChunk ShutdownComplete() => new(SctpChunkType.ShutdownComplete, 0, []);

    public static SctpChunk Shutdown(uint cumulativeTsnAck)
    {
        var v = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v, cumulativeTsnAck);
        return new SctpChunk(SctpChunkType.Shutdown, 0, v);
    }

    public static bool TryParseShutdown(SctpChunk chunk, out uint cumulativeTsnAck)
    {
        cumulativeTsnAck = 0;
        if (chunk.Value.Length < 4) return false;
        cumulativeTsnAck = BinaryPrimitives.ReadUInt32BigEndian(chunk.Value);
        return true;
    }
}
