using System.Text;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Testing;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Tls;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Dtls;

public class DtlsServerTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static async Task<(DtlsPair Pair, DtlsTransport Client)> Connected(DtlsServerOptions? options = null)
    {
        var pair = new DtlsPair(options: options);
        pair.Server.Start();
        DtlsTransport client = await pair.ConnectClient().WaitAsync(Wait);
        await pair.ServerConnected.Task.WaitAsync(Wait);
        return (pair, client);
    }

    private static byte[] ClientReceive(DtlsTransport client, int timeoutMs = 5000)
    {
        byte[] buffer = new byte[2000];
        long deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            int n = client.Receive(buffer, 0, buffer.Length, 200);
            if (n >= 0) return buffer[..n];
        }
        throw new TimeoutException("client received nothing");
    }

    [Fact]
    public async Task Handshake_completes_and_both_sides_export_the_same_srtp_keys()
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            DtlsSrtpKeys keys = (await pair.ServerConnected.Task)!;
            Assert.Equal(DtlsState.Connected, pair.Server.State);
            Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, keys.Profile);
            Assert.Equal((int)SrtpProfile.Aes128CmHmacSha1_80, pair.Client.SelectedSrtpProfile);
            Assert.Equal(pair.Client.ExportedKeyingMaterial, keys.KeyingMaterial);
            Assert.Equal(pair.ClientCertificate.Fingerprint, pair.Server.RemoteFingerprint);
            Assert.Equal(pair.ServerCertificate.Fingerprint, pair.Client.ServerFingerprint);
            Assert.All(pair.ServerSent, d => Assert.True(d.Length <= 1200));
            client.Close();
        }
    }

    [Fact]
    public async Task Exported_keys_protect_srtp_the_browser_can_read_and_vice_versa()
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            DtlsSrtpKeys serverKeys = pair.Server.Keys!;
            DtlsSrtpKeys clientKeys = DtlsSrtpKeys.FromKeyingMaterial(SrtpProfile.Aes128CmHmacSha1_80, pair.Client.ExportedKeyingMaterial!);
            byte[] rtp = [0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4];

            using var serverSend = serverKeys.CreateServerSendContext();
            using var browserReceive = new SrtpContext(clientKeys.Profile, clientKeys.ServerWriteKey, clientKeys.ServerWriteSalt);
            Assert.Equal(rtp, browserReceive.UnprotectRtp(serverSend.ProtectRtp(rtp)!));

            using var browserSend = new SrtpContext(clientKeys.Profile, clientKeys.ClientWriteKey, clientKeys.ClientWriteSalt);
            using var serverReceive = serverKeys.CreateServerReceiveContext();
            Assert.Equal(rtp, serverReceive.UnprotectRtp(browserSend.ProtectRtp(rtp)!));
            client.Close();
        }
    }

    [Fact]
    public async Task Server_picks_the_32_bit_profile_when_the_client_offers_only_that()
    {
        var pair = new DtlsPair(client: new DtlsTestClient(DtlsCertificate.Generate()) { OfferedSrtpProfiles = [(int)SrtpProfile.Aes128CmHmacSha1_32] },
            expectedFingerprint: null);
        using (pair)
        {
            pair.Server.Start();
            DtlsTransport client = await pair.ConnectClient().WaitAsync(Wait);
            DtlsSrtpKeys keys = (await pair.ServerConnected.Task.WaitAsync(Wait))!;
            Assert.Equal(SrtpProfile.Aes128CmHmacSha1_32, keys.Profile);
            client.Close();
        }
    }

    [Fact]
    public async Task Client_without_use_srtp_is_refused()
    {
        var pair = new DtlsPair(client: new DtlsTestClient(DtlsCertificate.Generate()) { OfferedSrtpProfiles = [] }, expectedFingerprint: null);
        using (pair)
        {
            pair.Server.Start();
            await Assert.ThrowsAnyAsync<Exception>(() => pair.ConnectClient().WaitAsync(Wait));
            string reason = await pair.ServerFailed.Task.WaitAsync(Wait);
            Assert.Contains("use_srtp", reason);
        }
    }

    [Fact]
    public async Task Application_data_flows_both_ways()
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            byte[] up = Encoding.UTF8.GetBytes("hello from the browser");
            client.Send(up, 0, up.Length);
            Assert.True(pair.ServerReceived.TryTake(out byte[]? received, Wait));
            Assert.Equal(up, received);

            byte[] down = new byte[pair.Server.MaxApplicationDataSize];
            new Random(7).NextBytes(down);
            Assert.True(down.Length >= 1100, $"send limit {down.Length}");
            Assert.True(pair.Server.Send(down));
            Assert.Equal(down, ClientReceive(client));
            Assert.False(pair.Server.Send(new byte[down.Length + 1]));
            Assert.False(pair.Server.Send([]));
            client.Close();
        }
    }

    [Fact]
    public async Task An_established_connection_holds_no_thread_and_keeps_order_across_bursts()
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            await Task.Run(() => Assert.True(pair.Server.WorkerThread!.Join(Wait), "handshake thread still running"));
            var sent = Enumerable.Range(0, 300).Select(i => BitConverter.GetBytes(i)).ToList();
            foreach (var chunk in sent.Chunk(30))
            {
                foreach (var d in chunk) client.Send(d, 0, d.Length);
                await Task.Delay(5);
            }
            var received = new List<byte[]>();
            while (received.Count < sent.Count && pair.ServerReceived.TryTake(out byte[]? d, Wait)) received.Add(d);
            Assert.Equal(sent, received);
            Assert.Equal(DtlsState.Connected, pair.Server.State);

            // Idle: nobody keeps polling the inbox (a reader spinning on an empty inbox would call it thousands of times).
            long reads = pair.Server.InboxReads;
            await Task.Delay(500);
            Assert.InRange(pair.Server.InboxReads - reads, 0, 2);
            client.Close();
        }
    }

    [Fact]
    public async Task Wrong_expected_fingerprint_fails_the_handshake_with_an_alert()
    {
        string other = DtlsCertificate.Generate().Fingerprint;
        var pair = new DtlsPair(expectedFingerprint: other);
        using (pair)
        {
            pair.Server.Start();
            await Assert.ThrowsAnyAsync<Exception>(() => pair.ConnectClient().WaitAsync(Wait));
            string reason = await pair.ServerFailed.Task.WaitAsync(Wait);
            Assert.Contains("fingerprint", reason);
            Assert.Equal(DtlsState.Failed, pair.Server.State);
            Assert.Equal(AlertDescription.bad_certificate, pair.Client.AlertReceived);
            await pair.Server.Completion.WaitAsync(Wait);
            Assert.Null(pair.Server.Keys);
        }
    }

    [Fact]
    public async Task Fatal_alert_from_the_client_fails_the_handshake()
    {
        var pair = new DtlsPair(client: new DtlsTestClient(DtlsCertificate.Generate()) { RejectServerCertificate = true }, expectedFingerprint: null);
        using (pair)
        {
            pair.Server.Start();
            await Assert.ThrowsAnyAsync<Exception>(() => pair.ConnectClient().WaitAsync(Wait));
            string reason = await pair.ServerFailed.Task.WaitAsync(Wait);
            Assert.Contains("peer sent alert", reason);
            await pair.Server.Completion.WaitAsync(Wait);
            Assert.False(pair.Server.WorkerThread!.IsAlive);
        }
    }

    [Fact]
    public async Task Garbage_before_during_and_after_the_handshake_is_ignored()
    {
        var pair = new DtlsPair();
        using (pair)
        {
            var random = new Random(99);
            void Garbage()
            {
                for (int i = 0; i < 50; i++)
                {
                    byte[] junk = new byte[random.Next(0, 1400)];
                    random.NextBytes(junk);
                    pair.Server.Feed(junk);
                }
                pair.Server.Feed([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42]); // STUN-looking
                pair.Server.Feed([0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 9, 9, 9, 9, 9]); // RTP-looking
            }
            Garbage();
            pair.Server.Start();
            Task<DtlsTransport> connecting = pair.ConnectClient();
            Garbage();
            DtlsTransport client = await connecting.WaitAsync(Wait);
            await pair.ServerConnected.Task.WaitAsync(Wait);
            Garbage();

            byte[] up = [1, 2, 3];
            client.Send(up, 0, up.Length);
            Assert.True(pair.ServerReceived.TryTake(out byte[]? received, Wait));
            Assert.Equal(up, received);
            Assert.Equal(DtlsState.Connected, pair.Server.State);
            Assert.True(pair.Server.DroppedDatagrams >= 150);
            client.Close();
        }
    }

    [Theory]
    [InlineData(0xFD)] // DTLS 1.2, the negotiated version
    [InlineData(0xFF)] // DTLS 1.0, the version a ClientHello's record carries
    public async Task A_record_with_a_bad_mac_is_dropped_and_the_connection_goes_on(byte minorVersion)
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            for (int i = 0; i < 3; i++) pair.Server.Feed(Peer.ForgedDtlsRecordTests.ForgedApplicationDataRecord(i, minorVersion));

            byte[] up = [4, 5, 6];
            client.Send(up, 0, up.Length);
            Assert.True(pair.ServerReceived.TryTake(out byte[]? received, Wait));
            Assert.Equal(up, received);
            Assert.Equal(DtlsState.Connected, pair.Server.State);
            Assert.Null(pair.Client.AlertReceived); // no bad_record_mac alert went back
            Assert.True(pair.Server.Send([7, 8]));
            Assert.Equal([7, 8], ClientReceive(client));
            client.Close();
        }
    }

    [Fact]
    public async Task Vanished_client_makes_the_handshake_fail_within_the_timeout()
    {
        var options = new DtlsServerOptions { HandshakeTimeout = TimeSpan.FromSeconds(2) };
        var pair = new DtlsPair(options: options);
        using (pair)
        {
            // The client's first flight reaches us, then it goes silent.
            pair.ClientLink.Output = d => { pair.Server.Feed(d); pair.ClientLink.Mute = true; };
            var started = DateTime.UtcNow;
            pair.Server.Start();
            Task<DtlsTransport> connecting = pair.ConnectClient();
            string reason = await pair.ServerFailed.Task.WaitAsync(Wait);
            Assert.Contains("timed out", reason);
            Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 1.5, 6);
            await pair.Server.Completion.WaitAsync(Wait);
            Assert.False(pair.Server.WorkerThread!.IsAlive);
            pair.ClientLink.Close();
            await Assert.ThrowsAnyAsync<Exception>(() => connecting.WaitAsync(Wait));
        }
    }

    [Fact]
    public async Task Nobody_ever_connecting_also_times_out()
    {
        var pair = new DtlsPair(options: new DtlsServerOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) });
        using (pair)
        {
            pair.Server.Start();
            Assert.Contains("timed out", await pair.ServerFailed.Task.WaitAsync(Wait));
            await pair.Server.Completion.WaitAsync(Wait);
        }
    }

    [Fact]
    public async Task Peer_close_notify_closes_the_server()
    {
        var (pair, client) = await Connected();
        using (pair)
        {
            client.Close();
            await pair.ServerClosed.Task.WaitAsync(Wait);
            Assert.Equal(DtlsState.Closed, pair.Server.State);
            await pair.Server.Completion.WaitAsync(Wait);
        }
    }

    [Fact]
    public async Task Dispose_after_connect_sends_close_notify_and_stops_the_thread()
    {
        var (pair, client) = await Connected();
        pair.Server.Dispose();
        Assert.True(pair.Server.Completion.IsCompleted);
        Assert.False(pair.Server.WorkerThread!.IsAlive);
        Assert.Equal(DtlsState.Closed, pair.Server.State);
        Assert.True(pair.ServerClosed.Task.IsCompleted);

        // The client sees close_notify: its receive ends instead of waiting forever.
        byte[] buffer = new byte[1500];
        try { Assert.True(client.Receive(buffer, 0, buffer.Length, 2000) < 0); }
        catch (IOException) { /* BouncyCastle closed its transport on close_notify */ }
        Assert.Equal(AlertDescription.close_notify, pair.Client.AlertReceived);
        Assert.False(pair.Server.Send([1]));
        pair.Server.Dispose(); // idempotent
        Assert.Equal(2, pair.EventCount); // Connected + Closed, nothing twice
        pair.ClientLink.Close();
    }

    [Fact]
    public async Task Dispose_during_the_handshake_stops_the_thread()
    {
        var pair = new DtlsPair();
        pair.ClientLink.Output = d => { pair.Server.Feed(d); pair.ClientLink.Mute = true; };
        pair.Server.Start();
        Task<DtlsTransport> connecting = pair.ConnectClient();
        await Task.Delay(200);
        pair.Dispose();
        await pair.Server.Completion.WaitAsync(Wait);
        Assert.False(pair.Server.WorkerThread!.IsAlive);
        Assert.Equal(DtlsState.Closed, pair.Server.State);
        Assert.True(pair.ServerClosed.Task.IsCompleted);
        await Assert.ThrowsAnyAsync<Exception>(() => connecting.WaitAsync(Wait));
    }

    [Fact]
    public void Dispose_before_start_raises_closed_once()
    {
        var pair = new DtlsPair();
        pair.Dispose();
        pair.Dispose();
        Assert.Equal(DtlsState.Closed, pair.Server.State);
        Assert.Equal(1, pair.EventCount);
        Assert.True(pair.Server.Completion.IsCompleted);
        pair.Server.Start(); // no-op after close
        Assert.Null(pair.Server.WorkerThread);
    }

    [Fact]
    public async Task Throwing_event_handlers_do_not_kill_the_connection()
    {
        var pair = new DtlsPair();
        using (pair)
        {
            pair.Server.Connected += _ => throw new InvalidOperationException("handler bug");
            pair.Server.DataReceived += _ => throw new InvalidOperationException("handler bug");
            pair.Server.Start();
            DtlsTransport client = await pair.ConnectClient().WaitAsync(Wait);
            await pair.ServerConnected.Task.WaitAsync(Wait);
            client.Send([5], 0, 1);
            client.Send([6], 0, 1);
            Assert.True(pair.ServerReceived.TryTake(out _, Wait));
            Assert.True(pair.ServerReceived.TryTake(out _, Wait));
            Assert.Equal(DtlsState.Connected, pair.Server.State);
            client.Close();
        }
    }

    [Fact]
    public void Constructor_rejects_a_malformed_expected_fingerprint()
    {
        Assert.Throws<ArgumentException>(() => new DtlsServerTransport(DtlsCertificate.Shared, "not-a-fingerprint", _ => { }));
    }
}
