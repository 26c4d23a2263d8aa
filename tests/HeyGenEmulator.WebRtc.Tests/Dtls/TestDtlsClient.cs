using System.Collections;
using System.Collections.Concurrent;
using HeyGenEmulator.WebRtc.Dtls;
using HeyGenEmulator.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Security;
using BcHashAlgorithm = Org.BouncyCastle.Crypto.Tls.HashAlgorithm;

namespace HeyGenEmulator.WebRtc.Tests.Dtls;

/// <summary>A BouncyCastle DTLS client standing in for the browser: use_srtp, its own ECDSA certificate.</summary>
internal sealed class TestDtlsClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;

    public TestDtlsClient(DtlsCertificate certificate) => _certificate = certificate;

    public int[] OfferedSrtpProfiles { get; init; } = [(int)SrtpProfile.Aes128CmHmacSha1_80, (int)SrtpProfile.Aes128CmHmacSha1_32];
    public byte[]? ExportedKeyingMaterial { get; private set; }
    public int? SelectedSrtpProfile { get; private set; }
    public string? ServerFingerprint { get; private set; }
    public byte? AlertReceived { get; private set; }
    public bool RejectServerCertificate { get; init; }

    public override ProtocolVersion ClientVersion => ProtocolVersion.DTLSv12;
    public override ProtocolVersion MinimumVersion => ProtocolVersion.DTLSv10;

    public override int[] GetCipherSuites() =>
        [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA];

    public override IDictionary GetClientExtensions()
    {
        IDictionary extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        if (OfferedSrtpProfiles.Length > 0)
            TlsSRTPUtils.AddUseSrtpExtension(extensions, new UseSrtpData(OfferedSrtpProfiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        UseSrtpData? data = serverExtensions is null ? null : TlsSRTPUtils.GetUseSrtpExtension(serverExtensions);
        if (data is not null) SelectedSrtpProfile = data.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        ExportedKeyingMaterial = mContext.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
    }

    public override void NotifyAlertReceived(byte alertLevel, byte alertDescription) => AlertReceived = alertDescription;

    private sealed class Authentication(TestDtlsClient owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(Certificate serverCertificate)
        {
            owner.ServerFingerprint = DtlsFingerprint.Compute(serverCertificate.GetCertificateAt(0).GetEncoded());
            if (owner.RejectServerCertificate) throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            new DefaultTlsSignerCredentials(owner.mContext, owner._certificate.TlsCertificate, owner._certificate.PrivateKey,
                new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}

/// <summary>The client's end of an in-memory datagram link.</summary>
internal sealed class TestDatagramTransport(int mtu = 1200) : DatagramTransport
{
    private readonly BlockingCollection<byte[]> _inbox = new();
    private volatile bool _closed;

    public Action<byte[]>? Output { get; set; }
    public volatile bool Mute; // drop everything we would send: the peer vanished

    public void Deliver(byte[] datagram)
    {
        if (!_closed) _inbox.Add(datagram);
    }

    public int GetReceiveLimit() => 1500;
    public int GetSendLimit() => mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis)
    {
        if (_closed) throw new IOException("closed");
        if (!_inbox.TryTake(out byte[]? d, waitMillis)) return _closed ? throw new IOException("closed") : -1;
        int n = Math.Min(len, d.Length);
        Buffer.BlockCopy(d, 0, buf, off, n);
        return n;
    }

    public void Send(byte[] buf, int off, int len)
    {
        if (_closed || Mute) return;
        Output?.Invoke(buf.AsSpan(off, len).ToArray());
    }

    public void Close() => _closed = true;
}

/// <summary>Our server and the test client wired back to back.</summary>
internal sealed class DtlsPair : IDisposable
{
    public readonly DtlsCertificate ServerCertificate = DtlsCertificate.Shared;
    public readonly DtlsCertificate ClientCertificate = CachedClientCertificate.Value;
    public readonly TestDatagramTransport ClientLink = new();
    public readonly TestDtlsClient Client;
    public readonly DtlsServerTransport Server;
    public readonly TaskCompletionSource<DtlsSrtpKeys?> ServerConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly TaskCompletionSource<string> ServerFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly TaskCompletionSource ServerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public readonly BlockingCollection<byte[]> ServerReceived = new();
    public readonly ConcurrentQueue<byte[]> ServerSent = new();
    public int EventCount;

    private static readonly Lazy<DtlsCertificate> CachedClientCertificate = new(() => DtlsCertificate.Generate("test-client"));

    public DtlsPair(string? expectedFingerprint = "client", DtlsServerOptions? options = null, TestDtlsClient? client = null)
    {
        Client = client ?? new TestDtlsClient(ClientCertificate);
        Server = new DtlsServerTransport(ServerCertificate,
            expectedFingerprint == "client" ? ClientCertificate.Fingerprint : expectedFingerprint,
            d => { ServerSent.Enqueue(d); ClientLink.Deliver(d); }, options);
        ClientLink.Output = d => Server.Feed(d);
        Server.Connected += k => { Interlocked.Increment(ref EventCount); ServerConnected.TrySetResult(k); };
        Server.Failed += r => { Interlocked.Increment(ref EventCount); ServerFailed.TrySetResult(r); };
        Server.Closed += () => { Interlocked.Increment(ref EventCount); ServerClosed.TrySetResult(); };
        Server.DataReceived += d => ServerReceived.Add(d);
    }

    public Task<DtlsTransport> ConnectClient() => Task.Factory.StartNew(
        () => new DtlsClientProtocol(new SecureRandom()).Connect(Client, ClientLink), TaskCreationOptions.LongRunning);

    public void Dispose()
    {
        ClientLink.Close();
        Server.Dispose();
    }
}
