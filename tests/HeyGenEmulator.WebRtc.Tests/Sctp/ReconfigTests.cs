using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

public class ReconfigTests
{
    private static List<SctpParameter> ReconfigParameters(IEnumerable<byte[]> packets) =>
        packets.Select(p => SctpPacket.TryParse(p, out var x) ? x : throw new InvalidDataException("not an SCTP packet"))
            .SelectMany(p => p.Chunks).Where(c => c.ChunkType == SctpChunkType.ReConfig)
            .SelectMany(c => ReconfigChunk.TryParse(c, out var ps) ? ps : throw new InvalidDataException("not a RE-CONFIG chunk")).ToList();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resetting_a_stream_closes_it_on_both_sides(bool activeInitiates)
    {
        var pair = new AssociationPair();
        pair.Connect();
        var closedActive = new List<ushort>();
        var closedPassive = new List<ushort>();
        pair.Active.StreamClosed += closedActive.Add;
        pair.Passive.StreamClosed += closedPassive.Add;
        pair.Active.Send(3, 51, "a"u8);
        pair.Passive.Send(3, 51, "b"u8);
        pair.Pump();

        (activeInitiates ? pair.Active : pair.Passive).ResetStream(3);
        pair.RunUntil(() => closedActive.Count == 1 && closedPassive.Count == 1, TimeSpan.FromSeconds(5));

        Assert.Equal([(ushort)3], closedActive);
        Assert.Equal([(ushort)3], closedPassive);
        // The answering side both responded "success performed" and sent its own Outgoing SSN Reset Request.
        var answerer = activeInitiates ? pair.PassiveSent : pair.ActiveSent;
        var parameters = ReconfigParameters(answerer);
        Assert.Contains(parameters, p => ReconfigResponse.TryParse(p, out var r) && r.Result == ReconfigResult.SuccessPerformed);
        Assert.Contains(parameters, p => OutgoingSsnResetRequest.TryParse(p, out var r) && r.Streams.SequenceEqual(new ushort[] { 3 }));
    }

    [Fact]
    public void After_a_reset_the_stream_id_is_reusable_and_ssn_restarts()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int closed = 0;
        pair.Passive.StreamClosed += _ => closed++;
        pair.Active.Send(5, 51, "one"u8);
        pair.Active.Send(5, 51, "two"u8);
        pair.Pump();
        pair.Active.ResetStream(5);
        pair.RunUntil(() => closed == 1);
        Assert.True(pair.Active.Send(5, 51, "again"u8));
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 3);
        Assert.Equal("again"u8.ToArray(), pair.ReceivedByPassive[2].Payload);
    }

    [Fact]
    public void Reset_waits_for_data_still_in_flight()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int closed = 0;
        pair.Passive.StreamClosed += _ => closed++;
        int n = 0;
        pair.Drop = (i, _) => i >= 0 && n++ == 0; // lose the first DATA packet: the reset request overtakes it
        pair.Active.Send(7, 51, "last words"u8);
        pair.Active.ResetStream(7);
        pair.RunUntil(() => closed == 1, TimeSpan.FromSeconds(10));
        Assert.Equal("last words"u8.ToArray(), Assert.Single(pair.ReceivedByPassive).Payload);
    }

    [Fact]
    public void Lost_reconfig_request_is_retransmitted()
    {
        var pair = new AssociationPair();
        pair.Connect();
        int closed = 0;
        pair.Active.StreamClosed += _ => closed++;
        bool dropped = false;
        pair.Drop = (_, p) =>
        {
            if (dropped || !SctpPacket.TryParse(p, out var x) || x.Chunks.All(c => c.ChunkType != SctpChunkType.ReConfig)) return false;
            return dropped = true;
        };
        pair.Active.ResetStream(9);
        pair.RunUntil(() => closed == 1, TimeSpan.FromSeconds(10));
        Assert.True(dropped);
    }
}
