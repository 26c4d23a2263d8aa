using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Testing;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.Bench;

/// <summary>
/// DTLS handshake cost: N handshakes one after another between the engine's DTLS server and the test DTLS client
/// over loopback UDP, each on fresh sockets. Both ends run in this process, so the CPU figure is client + server.
/// </summary>
public static class DtlsBench
{
    public static async Task RunAsync(int handshakes, int warmup)
    {
        DtlsCertificate clientCertificate = DtlsCertificate.Generate("bench-client");
        _ = DtlsCertificate.Shared;
        for (int i = 0; i < warmup; i++) await HandshakeAsync(clientCertificate).ConfigureAwait(false);

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < handshakes; i++) await HandshakeAsync(clientCertificate).ConfigureAwait(false);
        wall.Stop();
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / handshakes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dtls: {handshakes} handshakes (after {warmup} warm-up), CPU {cpuMs:0.0} ms/handshake (client + server), wall {wall.Elapsed.TotalMilliseconds / handshakes:0.0} ms/handshake"));
    }

    private static async Task HandshakeAsync(DtlsCertificate clientCertificate)
    {
        using var serverSocket = Bind();
        using var clientSocket = Bind();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new DtlsServerTransport(DtlsCertificate.Shared, clientCertificate.Fingerprint,
            d => serverSocket.SendTo(d, clientSocket.LocalEndPoint!));
        server.Connected += _ => connected.TrySetResult();
        server.Failed += reason => connected.TrySetException(new IOException(reason));
        var client = new UdpDatagramTransport(clientSocket, serverSocket.LocalEndPoint!);
        using var stop = new CancellationTokenSource();
        Task serverLoop = PumpAsync(serverSocket, d => server.Feed(d), stop.Token);
        Task clientLoop = PumpAsync(clientSocket, d => client.Enqueue(d), stop.Token);
        server.Start();
        DtlsTransport transport = await new DtlsTestClient(clientCertificate).ConnectAsync(client).ConfigureAwait(false);
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        transport.Close();
        client.Close();
        await stop.CancelAsync().ConfigureAwait(false);
        serverSocket.Close();
        clientSocket.Close();
        await Task.WhenAll(serverLoop, clientLoop).ConfigureAwait(false);
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static async Task PumpAsync(Socket socket, Action<byte[]> deliver, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[2048];
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                deliver(buffer[..n]);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the handshake is over and its sockets are closing
        }
    }
}
