using System.Net.Sockets;
using System.Text;
using HeyGenEmulator.Hosting;

namespace HeyGenEmulator.Tests.Security;

/// <summary>Emulator:MaxConcurrentConnections caps open connections; the one over the cap is closed unanswered.</summary>
public sealed class ConnectionLimitTests
{
    private static readonly byte[] Health = Encoding.ASCII.GetBytes("GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    [Fact]
    public async Task The_connection_over_the_cap_is_not_served()
    {
        await using var host = await EmulatorHost.StartAsync(o =>
        {
            o.Media = false;
            o.Settings["Emulator:MaxConcurrentConnections"] = "2";
        });
        var port = host.BaseUrl.Port;
        var open = new List<Socket>();
        try
        {
            // Each held connection is served once, so Kestrel has certainly counted it before the next dials.
            for (var i = 0; i < 2; i++)
            {
                var held = await ConnectAsync(port);
                open.Add(held);
                Assert.StartsWith("HTTP/1.1 200", await AskAsync(held), StringComparison.Ordinal);
            }
            var extra = await ConnectAsync(port);
            open.Add(extra);
            Assert.DoesNotContain("200", await AskAsync(extra), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in open) socket.Dispose();
        }
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
        return socket;
    }

    /// <summary>The first bytes of the answer; empty when the server closed the connection instead.</summary>
    private static async Task<string> AskAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await socket.SendAsync(Health, SocketFlags.None, timeout.Token);
            var buffer = new byte[256];
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (SocketException)
        {
            return "";
        }
    }
}
