using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

public class TransferTests
{
    private static byte[] Message(int index, int size)
    {
        var bytes = new byte[size];
        new Random(index).NextBytes(bytes);
        return bytes;
    }

    private static int SizeFor(int i) => 100 + (int)((60 * 1024 - 100) * (i / 99.0));

    private static void SendHundredEachWay(AssociationPair pair)
    {
        for (int i = 0; i < 100; i++)
        {
            Assert.True(pair.Active.Send(1, 53, Message(i, SizeFor(i))));
            Assert.True(pair.Passive.Send(1, 53, Message(1000 + i, SizeFor(99 - i))));
        }
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 100 && pair.ReceivedByActive.Count == 100);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(Message(i, SizeFor(i)), pair.ReceivedByPassive[i].Payload);
            Assert.Equal(Message(1000 + i, SizeFor(99 - i)), pair.ReceivedByActive[i].Payload);
        }
    }

    [Fact]
    public void Hundred_messages_of_100B_to_60KB_arrive_in_order_both_ways()
    {
        var pair = new AssociationPair();
        pair.Connect();
        SendHundredEachWay(pair);
        pair.RunUntil(() => pair.Active.BufferedAmount == 0 && pair.Passive.BufferedAmount == 0);
        Assert.Equal(0, pair.Active.Counters.Retransmissions);
    }

    [Fact]
    public void Data_chunks_carry_at_most_1135_bytes_of_user_data_and_padded_packets_stay_within_1163_bytes()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Active.Send(1, 53, Message(1, 10_000));
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 1);
        Assert.All(pair.ActiveSent, p => Assert.True(p.Length <= 1163));
        var dataChunks = pair.ActiveSent.Select(p => SctpPacket.TryParse(p, out var x) ? x : throw new InvalidDataException("not an SCTP packet"))
            .SelectMany(p => p.Chunks).Where(c => c.ChunkType == SctpChunkType.Data).ToList();
        Assert.Equal(9, dataChunks.Count); // ceil(10000 / 1132)
        Assert.All(dataChunks, c => Assert.True(c.Value.Length - 12 <= 1135));
    }

    // Every 5th DATA-carrying packet per direction is lost (SACKs bundled in it too). Losing bare SACKs as well in
    // a lock-step harness makes the same logical packet die every round and only T3 at a 60 s RTO recovers it.
    [Fact]
    public void Every_fifth_data_packet_dropped_still_delivers_everything_in_order()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Drop = (i, p) => SctpPacket.TryParse(p, out var x) && x.Chunks.Any(c => c.ChunkType == SctpChunkType.Data) && i % 5 == 4;
        SendHundredEachWay(pair);
        Assert.True(pair.DroppedCount > 100);
        var counters = pair.Active.Counters;
        Assert.True(counters.Retransmissions > 0);
        Assert.True(counters.FastRetransmits > 0);
    }

    [Fact]
    public void Lost_last_packet_is_recovered_by_the_t3_timer()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int dataPackets = 0;
        pair.Drop = (_, p) => SctpPacket.TryParse(p, out var x) && x.Chunks.Any(c => c.ChunkType == SctpChunkType.Data) && dataPackets++ == 0;
        pair.Active.Send(1, 51, "hello"u8);
        pair.Pump();
        Assert.Empty(pair.ReceivedByPassive);
        pair.Time.Advance(TimeSpan.FromMilliseconds(999));
        pair.Pump();
        Assert.Empty(pair.ReceivedByPassive); // RTO is at least 1 s
        pair.Time.Advance(TimeSpan.FromMilliseconds(1));
        pair.Pump();
        Assert.Single(pair.ReceivedByPassive);
        Assert.Equal(1, pair.Active.Counters.T3Expirations);
    }

    [Fact]
    public void Unordered_messages_are_delivered_without_waiting_for_earlier_ones()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int n = 0;
        pair.Drop = (_, p) => SctpPacket.TryParse(p, out var x) && x.Chunks.Any(c => c.ChunkType == SctpChunkType.Data) && n++ == 0;
        pair.Active.Send(3, 51, "first"u8, unordered: true);
        pair.Active.Send(3, 51, "second"u8, unordered: true);
        pair.Pump();
        Assert.Equal("second"u8.ToArray(), Assert.Single(pair.ReceivedByPassive).Payload);
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 2);
    }

    [Fact]
    public void Unordered_max_retransmits_zero_abandons_with_forward_tsn_and_the_receiver_keeps_going()
    {
        var pair = new AssociationPair();
        pair.Connect();
        // Drop the first transmission of every 3rd lossy message for a while; nothing may be retransmitted.
        pair.Drop = (_, p) => SctpPacket.TryParse(p, out var x)
            && x.Chunks.Any(c => DataChunk.TryParse(c, out var d) && d.StreamId == 3 && d.UserData[0] % 3 == 0);
        for (byte i = 0; i < 30; i++) pair.Active.Send(3, 53, [i, 1, 2, 3], unordered: true, maxRetransmits: 0);
        pair.RunUntil(() => pair.Active.BufferedAmount == 0, TimeSpan.FromSeconds(30));
        pair.Drop = (_, _) => false;

        Assert.Equal(20, pair.ReceivedByPassive.Count);
        Assert.DoesNotContain(pair.ReceivedByPassive, m => m.Payload[0] % 3 == 0);
        Assert.Equal(10, pair.Active.Counters.MessagesAbandoned);
        Assert.True(pair.Active.Counters.ForwardTsnsSent > 0);
        Assert.True(pair.Passive.Counters.ForwardTsnsReceived > 0);
        Assert.Equal(0, pair.Active.Counters.Retransmissions);

        // The cumulative TSN moved past the holes: reliable traffic on another stream still flows.
        pair.Active.Send(1, 51, "after"u8);
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 21, TimeSpan.FromSeconds(1));
        Assert.Equal("after"u8.ToArray(), pair.ReceivedByPassive[^1].Payload);
    }

    [Fact]
    public void Ordered_partially_reliable_stream_skips_abandoned_ssn()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Drop = (_, p) => SctpPacket.TryParse(p, out var x)
            && x.Chunks.Any(c => DataChunk.TryParse(c, out var d) && d.UserData[0] == 1);
        for (byte i = 0; i < 4; i++) pair.Active.Send(5, 53, [i], unordered: false, maxRetransmits: 0);
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 3, TimeSpan.FromSeconds(30));
        Assert.Equal(new byte[] { 0, 2, 3 }, pair.ReceivedByPassive.Select(m => m.Payload[0]));
    }

    [Fact]
    public void Heartbeat_is_echoed_with_the_same_info()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var passiveTag = SctpPacket.TryParse(pair.ActiveSent[1], out var echo) ? echo.VerificationTag : 0;
        var info = new byte[] { 9, 8, 7, 6, 5 };
        var heartbeat = new SctpPacket(5000, 5000, passiveTag,
            [new SctpChunk(SctpChunkType.Heartbeat, 0, SctpParameter.EncodeList([new SctpParameter(SctpParameter.HeartbeatInfo, info)]))]);
        int before = pair.PassiveSent.Count;
        pair.Passive.HandlePacket(heartbeat.ToArray());

        Assert.True(SctpPacket.TryParse(pair.PassiveSent[before], out var reply));
        var ack = Assert.Single(reply.Chunks);
        Assert.Equal(SctpChunkType.HeartbeatAck, ack.ChunkType);
        Assert.True(SctpParameter.TryParseList(ack.Value, out var parameters));
        Assert.Equal(info, Assert.Single(parameters).Value);
        Assert.Equal(1, pair.Passive.Counters.HeartbeatsAnswered);
    }

    [Fact]
    public void Garbage_is_dropped_and_counted_without_disturbing_the_association()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var random = new Random(7);
        long before = pair.Passive.Counters.PacketsDropped;
        for (int i = 0; i < 500; i++)
        {
            var junk = new byte[random.Next(0, 1200)];
            random.NextBytes(junk);
            pair.Passive.HandlePacket(junk);
        }
        // Well-formed packets with a wrong verification tag are dropped too.
        pair.Passive.HandlePacket(new SctpPacket(5000, 5000, 0xDEADBEEF, [new DataChunk(1, 1, 0, 51, [1], false, true, true).ToChunk()]).ToArray());
        pair.Passive.HandlePacket(Array.Empty<byte>());

        Assert.Equal(502, pair.Passive.Counters.PacketsDropped - before);
        Assert.Equal(SctpAssociationState.Established, pair.Passive.State);
        Assert.Empty(pair.ReceivedByPassive);
        pair.Active.Send(1, 51, "still fine"u8);
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 1);
    }

    [Fact]
    public void Duplicate_packets_are_reported_and_not_delivered_twice()
    {
        var pair = new AssociationPair();
        pair.Connect();
        pair.Active.Send(1, 51, "once"u8);
        var dataPacket = pair.ActiveSent[^1];
        pair.Pump();
        pair.Passive.HandlePacket(dataPacket);
        pair.Pump();
        Assert.Single(pair.ReceivedByPassive);
        Assert.Equal(1, pair.Passive.Counters.DuplicateTsnsReceived);
    }

    [Fact]
    public void Shutdown_closes_both_sides_after_delivering_queued_data()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var reasons = new List<SctpCloseReason>();
        pair.Active.Closed += reasons.Add;
        pair.Passive.Closed += reasons.Add;
        pair.Active.Send(1, 53, Message(1, 5000));
        pair.Active.Shutdown();
        pair.RunUntil(() => reasons.Count == 2);
        Assert.Single(pair.ReceivedByPassive);
        Assert.Equal([SctpCloseReason.Shutdown, SctpCloseReason.Shutdown], reasons);
        Assert.False(pair.Active.Send(1, 51, "late"u8));
    }

    [Fact]
    public void Abort_closes_the_peer()
    {
        var pair = new AssociationPair();
        pair.Connect();
        SctpCloseReason? reason = null;
        pair.Passive.Closed += r => reason = r;
        pair.Active.Abort();
        pair.Pump();
        Assert.Equal(SctpCloseReason.AbortedByPeer, reason);
        Assert.Equal(SctpAssociationState.Closed, pair.Passive.State);
    }

    [Fact]
    public void Silent_peer_times_out_after_max_retransmits()
    {
        var pair = new AssociationPair();
        pair.Connect();
        SctpCloseReason? reason = null;
        pair.Active.Closed += r => reason = r;
        pair.Drop = (_, _) => true;
        pair.Active.Send(1, 51, "x"u8);
        pair.RunUntil(() => reason is not null, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));
        Assert.Equal(SctpCloseReason.Timeout, reason);
    }
}
