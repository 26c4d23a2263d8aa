using System.Buffers.Binary;
using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

public class ChunkCodecTests
{
    private static SctpChunk RoundTripThroughPacket(SctpChunk chunk)
    {
        var bytes = new SctpPacket(5000, 5000, 42, [chunk, new SctpChunk(SctpChunkType.CookieAck, 0, [])]).ToArray();
        Assert.True(SctpPacket.TryParse(bytes, out var packet));
        Assert.Equal(2, packet.Chunks.Count);
        Assert.Equal(SctpChunkType.CookieAck, packet.Chunks[1].ChunkType);
        return packet.Chunks[0];
    }

    [Fact]
    public void Data_chunk_round_trips_with_flags_and_padding()
    {
        var data = new DataChunk(0xFFFFFFFE, 3, 9, 51, [1, 2, 3, 4, 5], Unordered: true, Beginning: true, Ending: false);
        var parsed = RoundTripThroughPacket(data.ToChunk());
        Assert.Equal(0x06, parsed.Flags); // U|B
        Assert.True(DataChunk.TryParse(parsed, out var back));
        Assert.Equal(data with { UserData = back.UserData }, back);
        Assert.Equal(data.UserData, back.UserData);
    }

    [Fact]
    public void Init_round_trips_with_parameters()
    {
        var init = new InitChunk(false, 0xCAFEBABE, 131072, 65535, 65535, 1234, InitChunk.CapabilityParameters().ToList());
        Assert.True(InitChunk.TryParse(RoundTripThroughPacket(init.ToChunk()), out var back));
        Assert.Equal(init.InitiateTag, back.InitiateTag);
        Assert.Equal(init.InitialTsn, back.InitialTsn);
        Assert.True(back.SupportsForwardTsn);
        Assert.True(back.SupportsExtension(SctpChunkType.ReConfig));
        Assert.Equal(2, back.Parameters.Count);
    }

    [Fact]
    public void Sack_round_trips_with_gaps_and_duplicates()
    {
        var sack = new SackChunk(100, 5000, [new GapAckBlock(2, 3), new GapAckBlock(5, 9)], [90, 91]);
        Assert.True(SackChunk.TryParse(RoundTripThroughPacket(sack.ToChunk()), out var back));
        Assert.Equal(sack.CumulativeTsnAck, back.CumulativeTsnAck);
        Assert.Equal(sack.GapBlocks, back.GapBlocks);
        Assert.Equal(sack.DuplicateTsns, back.DuplicateTsns);
    }

    [Fact]
    public void Forward_tsn_round_trips()
    {
        var fwd = new ForwardTsnChunk(77, [new ForwardTsnStream(1, 4), new ForwardTsnStream(3, 0)]);
        Assert.True(ForwardTsnChunk.TryParse(RoundTripThroughPacket(fwd.ToChunk()), out var back));
        Assert.Equal(fwd.NewCumulativeTsn, back.NewCumulativeTsn);
        Assert.Equal(fwd.Streams, back.Streams);
    }

    [Fact]
    public void Reconfig_request_and_response_round_trip()
    {
        var request = new OutgoingSsnResetRequest(10, 20, 30, [1, 3, 5]);
        var response = new ReconfigResponse(11, ReconfigResult.SuccessPerformed);
        var parsed = RoundTripThroughPacket(ReconfigChunk.Encode([request.ToParameter(), response.ToParameter()]));
        Assert.True(ReconfigChunk.TryParse(parsed, out var parameters));
        Assert.True(OutgoingSsnResetRequest.TryParse(parameters[0], out var r));
        Assert.Equal(request.Streams, r.Streams);
        Assert.Equal(request with { Streams = r.Streams }, r);
        Assert.True(ReconfigResponse.TryParse(parameters[1], out var s));
        Assert.Equal(response, s);
    }

    [Fact]
    public void Chunk_length_beyond_the_packet_is_rejected()
    {
        var bytes = new SctpPacket(5000, 5000, 1, [new SctpChunk(SctpChunkType.Heartbeat, 0, new byte[8])]).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), 200);
        SctpCrc32c.WritePacketChecksum(bytes);
        Assert.False(SctpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void Chunk_length_below_header_is_rejected()
    {
        var bytes = new SctpPacket(5000, 5000, 1, [new SctpChunk(SctpChunkType.Heartbeat, 0, new byte[8])]).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), 2);
        SctpCrc32c.WritePacketChecksum(bytes);
        Assert.False(SctpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void Sack_counts_larger_than_the_chunk_are_rejected()
    {
        var value = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(value.AsSpan(8), 1000);
        Assert.False(SackChunk.TryParse(new SctpChunk(SctpChunkType.Sack, 0, value), out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length >= 12 && random.Next(2) == 0) SctpCrc32c.WritePacketChecksum(bytes); // get past the CRC
            if (!SctpPacket.TryParse(bytes, out var packet)) continue;
            foreach (var c in packet.Chunks)
            {
                _ = DataChunk.TryParse(c, out _);
                _ = InitChunk.TryParse(c, out _);
                _ = SackChunk.TryParse(c, out _);
                _ = ForwardTsnChunk.TryParse(c, out _);
                _ = ReconfigChunk.TryParse(c, out _);
            }
        }
    }
}
