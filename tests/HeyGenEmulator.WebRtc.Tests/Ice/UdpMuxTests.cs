using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Testing;
using HeyGenEmulator.WebRtc.Stun;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Ice;

public class UdpMuxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private sealed class RecordingHandler : IUdpMuxHandler
    {
        public readonly ConcurrentQueue<(MuxPacketKind Kind, byte[] Data, IPEndPoint Remote)> Datagrams = new();
        public readonly ConcurrentQueue<IceCheckResult> Checks = new();
        public bool Throw { get; set; }

        public void OnDatagram(UdpMuxEndpoint endpoint, MuxPacketKind kind, ReadOnlySpan<byte> datagram, IPEndPoint remote)
        {
            if (Throw) throw new InvalidOperationException("handler failure");
            Datagrams.Enqueue((kind, datagram.ToArray(), remote));
        }

        public void OnIceCheck(UdpMuxEndpoint endpoint, IceCheckResult result) => Checks.Enqueue(result);
    }

    private static UdpMux NewMux() => new(new UdpMuxOptions { BindAddress = IPAddress.Loopback, Port = 0 });

    private static Socket NewClient()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return s;
    }

    private static async Task<IceBindingResponse> Connect(Socket client, UdpMux mux, IceCredentials server, IceCredentials browser)
    {
        var ice = new IceControllingClient(browser, server);
        var response = await ice.ConnectAsync(client, mux.LocalEndPoint, Patience);
        Assert.NotNull(response);
        return response;
    }

    private static byte[] Dtls(byte marker) => new byte[] { 22, 0xfe, 0xfd, marker, 0, 0, 0, 0 };

    [Fact]
    public void Binds_an_ephemeral_port()
    {
        using var mux = NewMux();
        Assert.NotEqual(0, mux.Port);
        Assert.Equal(IPAddress.Loopback, mux.LocalEndPoint.Address);
    }

    [Fact]
    public async Task Answers_a_binding_request_built_with_the_codec()
    {
        using var mux = NewMux();
        var server = IceCredentials.Generate();
        var browser = IceCredentials.Generate();
        var handler = new RecordingHandler();
        using var endpoint = mux.Register(server, handler);
        using var client = NewClient();

        var tid = StunMessageBuilder.NewTransactionId();
        var request = new StunMessageBuilder(StunMessageType.BindingRequest, tid)
            .AddUsername($"{server.Ufrag}:{browser.Ufrag}")
            .AddPriority(IceControllingClient.HostPriority)
            .AddIceControlling(7)
            .AddMessageIntegrity(server.Pwd)
            .AddFingerprint()
            .ToArray();
        await client.SendToAsync(request, SocketFlags.None, mux.LocalEndPoint);

        var buffer = new byte[1500];
        using var cts = new CancellationTokenSource(Patience);
        var received = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        var response = StunMessage.Parse(buffer.AsSpan(0, received.ReceivedBytes));
        Assert.NotNull(response);
        Assert.Equal(StunMessageType.BindingSuccess, response.Type);
        Assert.Equal(tid, response.TransactionIdBytes);
        Assert.True(response.VerifyMessageIntegrity(server.Pwd));
        Assert.True(response.VerifyFingerprint());
        Assert.Equal(client.LocalEndPoint, response.XorMappedAddress);
        Assert.Equal((IPEndPoint)mux.LocalEndPoint, (IPEndPoint)received.RemoteEndPoint);

        await Poll.Until(() => handler.Checks.Count == 1);
        Assert.Equal(1, mux.BoundAddresses);
        Assert.Equal(new[] { (IPEndPoint)client.LocalEndPoint! }, endpoint.BoundAddresses);
        Assert.Equal(1, mux.StunResponsesSent);
    }

    [Fact]
    public async Task Routes_dtls_rtp_rtcp_after_check_and_sends_back()
    {
        using var mux = NewMux();
        var server = IceCredentials.Generate();
        var handler = new RecordingHandler();
        using var endpoint = mux.Register(server, handler);
        using var client = NewClient();
        var response = await Connect(client, mux, server, IceCredentials.Generate());
        Assert.Equal(client.LocalEndPoint, response.MappedAddress);
        await Poll.Until(() => endpoint.Responder.NominatedRemote is not null);

        await client.SendToAsync(Dtls(1), SocketFlags.None, mux.LocalEndPoint);
        await client.SendToAsync(new byte[] { 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, SocketFlags.None, mux.LocalEndPoint);
        await client.SendToAsync(new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 }, SocketFlags.None, mux.LocalEndPoint);
        await Poll.Until(() => handler.Datagrams.Count == 3);
        Assert.Equal(new[] { MuxPacketKind.Dtls, MuxPacketKind.Rtp, MuxPacketKind.Rtcp }, handler.Datagrams.Select(d => d.Kind));
        Assert.All(handler.Datagrams, d => Assert.Equal(client.LocalEndPoint, d.Remote));
        Assert.Equal(Dtls(1), handler.Datagrams.First().Data);

        Assert.Equal(client.LocalEndPoint, endpoint.SelectedRemote);
        Assert.True(endpoint.Send(Dtls(9)));
        Assert.Equal(Dtls(9), await ReceiveSkippingStun(client));
    }

    // Under load the client retransmits its check before the first answer arrives, so a late binding
    // response may still be queued on the socket ahead of what the test is waiting for.
    private static async Task<byte[]> ReceiveSkippingStun(Socket client)
    {
        var buffer = new byte[1500];
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            var received = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            var datagram = buffer[..received.ReceivedBytes];
            if (MuxPacketClassifier.Classify(datagram) != MuxPacketKind.Stun) return datagram;
        }
    }

    [Fact]
    public async Task Garbage_and_unknown_addresses_are_dropped_and_counted()
    {
        using var mux = NewMux();
        var server = IceCredentials.Generate();
        var handler = new RecordingHandler();
        using var endpoint = mux.Register(server, handler);
        using var client = NewClient();

        var rng = new Random(7);
        var datagrams = new List<byte[]>
        {
            new byte[] { 0xFF, 1, 2 },            // unclassifiable first byte
            new byte[] { 0x10 },                  // ZRTP range: not ours
            new byte[] { 0, 1, 0, 0 },            // too short for STUN
            Dtls(1),                              // DTLS before any check
            new byte[] { 0x80, 96, 0, 1 },        // RTP before any check
        };
        // A well-formed check for an unknown ufrag, and one with a wrong password.
        datagrams.Add(new IceControllingClient(IceCredentials.Generate(), IceCredentials.Generate()).CreateBindingRequest(true));
        datagrams.Add(new IceControllingClient(IceCredentials.Generate(), server with { Pwd = new string('x', 24) }).CreateBindingRequest(true));
        for (int i = 0; i < 20; i++)
        {
            var junk = new byte[rng.Next(1, 200)];
            rng.NextBytes(junk);
            junk[0] = (byte)rng.Next(0, 4); // looks like STUN to the classifier
            datagrams.Add(junk);
        }
        foreach (var d in datagrams) await client.SendToAsync(d, SocketFlags.None, mux.LocalEndPoint);

        await Poll.Until(() => mux.PacketsReceived == datagrams.Count);
        await Poll.Until(() => mux.PacketsDropped == datagrams.Count);
        Assert.Equal(2, mux.DroppedUnclassified);
        Assert.Equal(2, mux.DroppedFromUnknownAddress);
        Assert.Equal(datagrams.Count - 4, mux.DroppedStun);
        Assert.Empty(handler.Datagrams);
        Assert.Equal(0, mux.BoundAddresses);
        Assert.Equal(0, mux.StunResponsesSent);

        // The loop is still alive.
        await Connect(client, mux, server, IceCredentials.Generate());
        Assert.Equal(1, mux.BoundAddresses);
    }

    [Fact]
    public async Task Two_endpoints_are_isolated()
    {
        using var mux = NewMux();
        var serverA = IceCredentials.Generate();
        var serverB = IceCredentials.Generate();
        var handlerA = new RecordingHandler();
        var handlerB = new RecordingHandler();
        using var a = mux.Register(serverA, handlerA);
        using var b = mux.Register(serverB, handlerB);
        using var clientA = NewClient();
        using var clientB = NewClient();
        await Connect(clientA, mux, serverA, IceCredentials.Generate());
        await Connect(clientB, mux, serverB, IceCredentials.Generate());

        // B's browser cannot authenticate against A by naming A's ufrag with B's password.
        var forged = new IceControllingClient(IceCredentials.Generate(), serverA with { Pwd = serverB.Pwd }).CreateBindingRequest(true);
        long droppedBefore = mux.DroppedStun;
        await clientB.SendToAsync(forged, SocketFlags.None, mux.LocalEndPoint);
        await Poll.Until(() => mux.DroppedStun == droppedBefore + 1);

        await clientA.SendToAsync(Dtls(0xA), SocketFlags.None, mux.LocalEndPoint);
        await clientB.SendToAsync(Dtls(0xB), SocketFlags.None, mux.LocalEndPoint);
        await Poll.Until(() => handlerA.Datagrams.Count == 1 && handlerB.Datagrams.Count == 1);
        Assert.Equal(Dtls(0xA), handlerA.Datagrams.Single().Data);
        Assert.Equal(Dtls(0xB), handlerB.Datagrams.Single().Data);
        Assert.Equal(new[] { (IPEndPoint)clientA.LocalEndPoint! }, a.BoundAddresses);
        Assert.Equal(new[] { (IPEndPoint)clientB.LocalEndPoint! }, b.BoundAddresses);
        Assert.Equal(2, mux.BoundAddresses);
    }

    [Fact]
    public async Task Throwing_handler_affects_neither_the_loop_nor_other_endpoints()
    {
        using var mux = NewMux();
        var serverA = IceCredentials.Generate();
        var serverB = IceCredentials.Generate();
        var bad = new RecordingHandler { Throw = true };
        var good = new RecordingHandler();
        using var a = mux.Register(serverA, bad);
        using var b = mux.Register(serverB, good);
        using var clientA = NewClient();
        using var clientB = NewClient();
        await Connect(clientA, mux, serverA, IceCredentials.Generate());
        await Connect(clientB, mux, serverB, IceCredentials.Generate());

        for (int i = 0; i < 5; i++)
        {
            await clientA.SendToAsync(Dtls((byte)i), SocketFlags.None, mux.LocalEndPoint);
            await clientB.SendToAsync(Dtls((byte)i), SocketFlags.None, mux.LocalEndPoint);
        }
        await Poll.Until(() => good.Datagrams.Count == 5 && mux.HandlerErrors == 5);
    }

    [Fact]
    public async Task Unregister_frees_all_state()
    {
        using var mux = NewMux();
        var server = IceCredentials.Generate();
        var handler = new RecordingHandler();
        var endpoint = mux.Register(server, handler);
        using var client1 = NewClient();
        using var client2 = NewClient();
        await Connect(client1, mux, server, IceCredentials.Generate());
        await Connect(client2, mux, server, IceCredentials.Generate());
        Assert.Equal(1, mux.RegisteredEndpoints);
        Assert.Equal(2, mux.BoundAddresses);

        endpoint.Dispose();
        Assert.True(endpoint.IsClosed);
        Assert.Equal(0, mux.RegisteredEndpoints);
        Assert.Equal(0, mux.BoundAddresses);
        Assert.Empty(endpoint.BoundAddresses);
        Assert.False(endpoint.Send(Dtls(1)));
        Assert.False(mux.Unregister(endpoint));

        long unknownBefore = mux.DroppedFromUnknownAddress;
        await client1.SendToAsync(Dtls(1), SocketFlags.None, mux.LocalEndPoint);
        await Poll.Until(() => mux.DroppedFromUnknownAddress == unknownBefore + 1);
        Assert.Empty(handler.Datagrams);

        // Checks for the old ufrag now go unanswered; the ufrag can be registered again.
        var ice = new IceControllingClient(IceCredentials.Generate(), server);
        Assert.Null(await ice.ConnectAsync(client1, mux.LocalEndPoint, TimeSpan.FromMilliseconds(300)));
        using var again = mux.Register(server, handler);
        Assert.Equal(1, mux.RegisteredEndpoints);
    }

    [Fact]
    public void Duplicate_ufrag_registration_is_refused()
    {
        using var mux = NewMux();
        var server = IceCredentials.Generate();
        using var endpoint = mux.Register(server, new RecordingHandler());
        Assert.Throws<InvalidOperationException>(() => mux.Register(server, new RecordingHandler()));
    }

    [Fact]
    public async Task Address_rebinds_to_the_endpoint_that_last_validated_it()
    {
        using var mux = NewMux();
        var serverA = IceCredentials.Generate();
        var serverB = IceCredentials.Generate();
        var handlerA = new RecordingHandler();
        var handlerB = new RecordingHandler();
        using var a = mux.Register(serverA, handlerA);
        using var b = mux.Register(serverB, handlerB);
        using var client = NewClient();
        await Connect(client, mux, serverA, IceCredentials.Generate());
        await Connect(client, mux, serverB, IceCredentials.Generate());
        Assert.Equal(1, mux.BoundAddresses);
        Assert.Empty(a.BoundAddresses);
        Assert.Single(b.BoundAddresses);
    }

    [Fact]
    public async Task Dispose_stops_the_loop_promptly()
    {
        var mux = NewMux();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        mux.Dispose();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.False(mux.Send(Dtls(1), new IPEndPoint(IPAddress.Loopback, 9)));
        await Task.CompletedTask;
    }

    [Fact]
    public void Classifier_follows_rfc7983()
    {
        Assert.Equal(MuxPacketKind.Stun, MuxPacketClassifier.Classify(new byte[] { 0 }));
        Assert.Equal(MuxPacketKind.Stun, MuxPacketClassifier.Classify(new byte[] { 3 }));
        Assert.Equal(MuxPacketKind.Unknown, MuxPacketClassifier.Classify(new byte[] { 4 }));
        Assert.Equal(MuxPacketKind.Dtls, MuxPacketClassifier.Classify(new byte[] { 20 }));
        Assert.Equal(MuxPacketKind.Dtls, MuxPacketClassifier.Classify(new byte[] { 63 }));
        Assert.Equal(MuxPacketKind.Unknown, MuxPacketClassifier.Classify(new byte[] { 64 }));
        Assert.Equal(MuxPacketKind.Rtp, MuxPacketClassifier.Classify(new byte[] { 128, 111 }));
        Assert.Equal(MuxPacketKind.Rtp, MuxPacketClassifier.Classify(new byte[] { 128, 96 + 128 - 128 }));
        Assert.Equal(MuxPacketKind.Rtcp, MuxPacketClassifier.Classify(new byte[] { 129, 200 }));
        Assert.Equal(MuxPacketKind.Unknown, MuxPacketClassifier.Classify(new byte[] { 128 }));
        Assert.Equal(MuxPacketKind.Unknown, MuxPacketClassifier.Classify(new byte[] { 192, 0 }));
        Assert.Equal(MuxPacketKind.Unknown, MuxPacketClassifier.Classify(ReadOnlySpan<byte>.Empty));
    }
}
