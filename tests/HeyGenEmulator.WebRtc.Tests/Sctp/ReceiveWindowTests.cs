using HeyGenEmulator.WebRtc.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

/// <summary>A peer that ignores our a_rwnd: reassembly must stay within the receive window whatever it sends.</summary>
public class ReceiveWindowTests
{
    private const int FragmentSize = 1_100;

    /// <summary>Sends DATA straight to the passive side as the active side's next TSNs, bypassing its sender.</summary>
    private sealed class RawPeer(AssociationPair pair)
    {
        private readonly uint _tag = SctpPacket.TryParse(pair.ActiveSent[1], out var echo) ? echo.VerificationTag : 0;
        private uint _tsn = SctpPacket.TryParse(pair.ActiveSent[0], out var init) && InitChunk.TryParse(init.Chunks[0], out var i) ? i.InitialTsn : 0;

        public void Send(bool beginning, bool ending, ushort ssn = 0) =>
            pair.Passive.HandlePacket(new SctpPacket(5000, 5000, _tag,
                [new DataChunk(_tsn++, 1, ssn, 53, new byte[FragmentSize], false, beginning, ending).ToChunk()]).ToArray());
    }

    [Fact]
    public void Fifty_thousand_middle_fragments_of_the_next_expected_message_stay_within_the_window()
    {
        var pair = new AssociationPair();
        pair.Connect();
        var peer = new RawPeer(pair);
        var window = new SctpOptions().ReceiveWindow;

        peer.Send(beginning: true, ending: false);
        for (int n = 0; n < 50_000; n++) peer.Send(beginning: false, ending: false);

        var counters = pair.Passive.Counters;
        Assert.InRange(counters.BufferedBytes, window - 2 * FragmentSize, window);
        Assert.True(counters.DataChunksRefused > 40_000, $"refused {counters.DataChunksRefused}");
        Assert.Empty(pair.ReceivedByPassive);
    }

    [Fact]
    public void A_200_KB_message_within_the_window_is_reassembled_and_leaves_nothing_buffered()
    {
        var pair = new AssociationPair();
        pair.Connect();
        Assert.True(pair.Active.Send(1, 53, new byte[200 * 1024]));
        pair.RunUntil(() => pair.ReceivedByPassive.Count == 1);

        Assert.Equal(0, pair.Passive.Counters.BufferedBytes);
        Assert.Equal(0, pair.Passive.Counters.DataChunksRefused);
    }
}
