using System.Collections.Concurrent;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Testing;
using Org.BouncyCastle.Tls;

namespace HeyGenEmulator.WebRtc.Tests.Dtls;

/// <summary>Our server and the test client wired back to back.</summary>
internal sealed class DtlsPair : IDisposable
{
    public readonly DtlsCertificate ServerCertificate = DtlsCertificate.Shared;
    public readonly DtlsCertificate ClientCertificate = CachedClientCertificate.Value;
    public readonly TestDatagramTransport ClientLink = new();
    public readonly DtlsTestClient Client;
    public readonly DtlsServerTransport Server;
    public readonly TaskCompletionSource<DtlsSrtpKeys?> ServerConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly TaskCompletionSource<string> ServerFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly TaskCompletionSource ServerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly BlockingCollection<byte[]> ServerReceived = new();
    public readonly ConcurrentQueue<byte[]> ServerSent = new();
    public int EventCount;

    private static readonly Lazy<DtlsCertificate> CachedClientCertificate = new(() => DtlsCertificate.Generate("test-client"));

    public DtlsPair(string? expectedFingerprint = "client", DtlsServerOptions? options = null, DtlsTestClient? client = null)
    {
        Client = client ?? new DtlsTestClient(ClientCertificate);
        Server = new DtlsServerTransport(ServerCertificate,
            expectedFingerprint == "client" ? ClientCertificate.Fingerprint : expectedFingerprint,
            d => { ServerSent.Enqueue(d); ClientLink.Deliver(d); }, options);
        ClientLink.Output = d => Server.Feed(d);
        Server.Connected += k => { Interlocked.Increment(ref EventCount); ServerConnected.TrySetResult(k); };
        Server.Failed += r => { Interlocked.Increment(ref EventCount); ServerFailed.TrySetResult(r); };
        Server.Closed += () => { Interlocked.Increment(ref EventCount); ServerClosed.TrySetResult(); };
        Server.DataReceived += d => ServerReceived.Add(d);
    }

    public Task<DtlsTransport> ConnectClient() => Client.ConnectAsync(ClientLink);

    public void Dispose()
    {
        ClientLink.Close();
        Server.Dispose();
    }
}
