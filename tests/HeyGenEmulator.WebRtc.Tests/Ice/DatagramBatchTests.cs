using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Ice;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Ice;

/// <summary>Issue 14: a tick's datagrams leave the mux's socket together, intact, in order, to each one's address.</summary>
public sealed class DatagramBatchTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(150)] // more than a batch holds: it sends the first 64 itself
    public async Task A_batch_delivers_every_datagram_to_its_address_in_order(int count)
    {
        using var mux = new UdpMux(new UdpMuxOptions { BindAddress = IPAddress.IPv6Any, Port = 0 });
        using var a = Receiver();
        using var b = Receiver();
        using var batch = mux.CreateBatch();
        var targets = new[] { a, b }.Select(s => mux.SocketAddressOf((IPEndPoint)s.LocalEndPoint!)).ToArray();
        for (int i = 0; i < count; i++)
        {
            var slot = batch.Next();
            int length = 20 + i;
            for (int j = 0; j < length; j++) slot[j] = (byte)(i + j);
            batch.Add(length, targets[i % 2]);
        }
        batch.Flush();

        var fromA = await ReceiveAsync(a, (count + 1) / 2);
        var fromB = await ReceiveAsync(b, count / 2);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 2 == 0), fromA.Select(d => d.Length - 20));
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 2 == 1), fromB.Select(d => d.Length - 20));
        Assert.All(fromA.Concat(fromB), d => Assert.Equal(Enumerable.Range(0, d.Length).Select(j => (byte)(d.Length - 20 + j)), d));
        Assert.Equal(count, batch.Datagrams);
        if (OperatingSystem.IsLinux())
        {
            Assert.True(batch.UsesSendMmsg, "sendmmsg was refused on Linux");
            Assert.Equal((count + DatagramBatch.Capacity - 1) / DatagramBatch.Capacity, batch.SystemCalls);
        }
    }

    private static Socket Receiver()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.ReceiveBufferSize = 1 << 20;
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return s;
    }

    private static async Task<List<byte[]>> ReceiveAsync(Socket socket, int count)
    {
        var received = new List<byte[]>();
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received.Count < count)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            received.Add(buffer[..n]);
        }
        return received;
    }
}
