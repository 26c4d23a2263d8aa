using System.Text;
using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Sctp;
using HeyGenEmulator.WebRtc.Tests.Sctp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.DataChannels;

public class DataChannelManagerTests
{
    private sealed class Peers
    {
        public AssociationPair Pair { get; } = new();
        public DataChannelManager Server { get; }
        public DataChannelManager Client { get; }
        public List<DataChannel> OpenedServer { get; } = new();
        public List<DataChannel> OpenedClient { get; } = new();
        public List<DataChannel> ClosedServer { get; } = new();
        public List<DataChannel> ClosedClient { get; } = new();
        public List<(DataChannel Channel, byte[] Data, bool IsString)> ReceivedServer { get; } = new();
        public List<(DataChannel Channel, byte[] Data, bool IsString)> ReceivedClient { get; } = new();

        public Peers()
        {
            // The passive side answers the browser's INIT and is the DTLS server in our deployment.
            Server = new DataChannelManager(Pair.Passive, isDtlsServer: true);
            Client = new DataChannelManager(Pair.Active, isDtlsServer: false);
            Server.ChannelOpened += OpenedServer.Add;
            Client.ChannelOpened += OpenedClient.Add;
            Server.ChannelClosed += ClosedServer.Add;
            Client.ChannelClosed += ClosedClient.Add;
            Server.MessageReceived += (c, d, s) => ReceivedServer.Add((c, d, s));
            Client.MessageReceived += (c, d, s) => ReceivedClient.Add((c, d, s));
            Pair.Connect();
        }
    }

    private static DataChunk? FirstDcepFrom(IEnumerable<byte[]> packets) =>
        packets.Select(p => SctpPacket.TryParse(p, out var x) ? x : throw new InvalidDataException("not an SCTP packet"))
            .SelectMany(p => p.Chunks)
            .Select(c => DataChunk.TryParse(c, out var d) ? d : null)
            .FirstOrDefault(d => d is { Ppid: DataChannelPpid.Dcep });

    [Fact]
    public void Server_opens_odd_stream_channels_and_the_peer_acks()
    {
        var peers = new Peers();
        var reliable = peers.Server.OpenChannel("_reliable");
        var lossy = peers.Server.OpenChannel("_lossy", ordered: false, maxRetransmits: 0);
        Assert.Equal(1, reliable.StreamId);
        Assert.Equal(3, lossy.StreamId);
        Assert.Equal(DataChannelState.Connecting, reliable.State);

        peers.Pair.RunUntil(() => peers.OpenedServer.Count == 2);

        Assert.All(peers.OpenedServer, c => Assert.Equal(DataChannelState.Open, c.State));
        Assert.Equal(["_reliable", "_lossy"], peers.OpenedClient.Select(c => c.Label));
        var remoteLossy = peers.OpenedClient.Single(c => c.Label == "_lossy");
        Assert.False(remoteLossy.Ordered);
        Assert.Equal(0, remoteLossy.MaxRetransmits);
        Assert.Equal(3, remoteLossy.StreamId);

        var open = FirstDcepFrom(peers.Pair.PassiveSent)!;
        Assert.Equal(new DataChannelOpen(DataChannelType.Reliable, 0, 0, "_reliable", "").Encode(), open.UserData);
    }

    [Fact]
    public void Client_opens_even_stream_channel_and_server_replies_ack()
    {
        var peers = new Peers();
        var channel = peers.Client.OpenChannel("from-browser", protocol: "chat");
        Assert.Equal(0, channel.StreamId);
        peers.Pair.RunUntil(() => peers.OpenedClient.Count == 1 && peers.OpenedServer.Count == 1);
        Assert.Equal("chat", peers.OpenedServer[0].Protocol);
        var ack = FirstDcepFrom(peers.Pair.PassiveSent)!;
        Assert.Equal(new byte[] { 0x02 }, ack.UserData);
        Assert.Equal(0, ack.StreamId);
    }

    [Fact]
    public void Messages_sent_before_the_ack_arrive_with_their_types()
    {
        var peers = new Peers();
        var channel = peers.Server.OpenChannel("_reliable");
        peers.Server.Send(channel, "hello");
        peers.Server.Send(channel, new byte[] { 1, 2, 3 });
        peers.Server.Send(channel, "");
        peers.Server.Send(channel, ReadOnlySpan<byte>.Empty);
        peers.Pair.RunUntil(() => peers.ReceivedClient.Count == 4);

        Assert.Equal("hello", Encoding.UTF8.GetString(peers.ReceivedClient[0].Data));
        Assert.True(peers.ReceivedClient[0].IsString);
        Assert.Equal(new byte[] { 1, 2, 3 }, peers.ReceivedClient[1].Data);
        Assert.False(peers.ReceivedClient[1].IsString);
        Assert.Empty(peers.ReceivedClient[2].Data);
        Assert.True(peers.ReceivedClient[2].IsString);
        Assert.Empty(peers.ReceivedClient[3].Data);
        Assert.False(peers.ReceivedClient[3].IsString);
        Assert.All(peers.ReceivedClient, m => Assert.Equal("_reliable", m.Channel.Label));
    }

    [Fact]
    public void Large_messages_flow_both_ways()
    {
        var peers = new Peers();
        var channel = peers.Server.OpenChannel("_reliable");
        peers.Pair.RunUntil(() => peers.OpenedClient.Count == 1);
        var big = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        Assert.True(peers.Server.Send(channel, big));
        Assert.True(peers.Client.Send(peers.OpenedClient[0], big));
        Assert.False(peers.Server.Send(channel, new byte[peers.Server.MaxMessageSize + 1]));
        peers.Pair.RunUntil(() => peers.ReceivedClient.Count == 1 && peers.ReceivedServer.Count == 1);
        Assert.Equal(big, peers.ReceivedClient[0].Data);
        Assert.Equal(big, peers.ReceivedServer[0].Data);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Close_via_reconfig_fires_channel_closed_on_both_sides(bool serverCloses)
    {
        var peers = new Peers();
        var channel = peers.Server.OpenChannel("_reliable");
        peers.Pair.RunUntil(() => peers.OpenedClient.Count == 1 && peers.OpenedServer.Count == 1);

        if (serverCloses) peers.Server.Close(channel);
        else peers.Client.Close(peers.OpenedClient[0]);
        peers.Pair.RunUntil(() => peers.ClosedServer.Count == 1 && peers.ClosedClient.Count == 1, TimeSpan.FromSeconds(5));

        Assert.Equal(DataChannelState.Closed, channel.State);
        Assert.Empty(peers.Server.Channels);
        Assert.Empty(peers.Client.Channels);
        Assert.False(peers.Server.Send(channel, "too late"));
    }

    [Fact]
    public void Lossy_channel_keeps_delivering_when_messages_are_lost()
    {
        var peers = new Peers();
        var lossy = peers.Server.OpenChannel("_lossy", ordered: false, maxRetransmits: 0);
        peers.Pair.RunUntil(() => peers.OpenedServer.Count == 1);
        int n = 0;
        peers.Pair.Drop = (i, _) => i >= 0 && n++ % 4 == 1;
        for (int i = 0; i < 40; i++) peers.Server.Send(lossy, $"event {i}");
        peers.Pair.RunUntil(() => peers.Pair.Passive.BufferedAmount == 0, TimeSpan.FromSeconds(30));
        peers.Pair.Drop = (_, _) => false;

        Assert.InRange(peers.ReceivedClient.Count, 20, 39);
        Assert.True(peers.Pair.Passive.Counters.MessagesAbandoned > 0);
        peers.Server.Send(lossy, "final");
        peers.Pair.RunUntil(() => peers.ReceivedClient.Any(m => Encoding.UTF8.GetString(m.Data) == "final"), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Association_close_closes_every_channel()
    {
        var peers = new Peers();
        peers.Server.OpenChannel("a");
        peers.Server.OpenChannel("b");
        peers.Pair.RunUntil(() => peers.OpenedClient.Count == 2);
        peers.Pair.Passive.Abort();
        peers.Pair.Pump();
        Assert.Equal(2, peers.ClosedServer.Count);
        Assert.Equal(2, peers.ClosedClient.Count);
    }
}
