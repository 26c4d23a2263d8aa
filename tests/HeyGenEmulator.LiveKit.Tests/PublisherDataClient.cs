using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HeyGenEmulator.WebRtc.DataChannels;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Sctp;
using HeyGenEmulator.WebRtc.Sdp;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcHashAlgorithm = Org.BouncyCastle.Crypto.Tls.HashAlgorithm;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The client's publisher connection as a browser makes it, reduced to data: our offer, then ICE (controlling),
/// a DTLS client handshake, SCTP and the <c>_reliable</c> data channel, all over real UDP to the emulator's engine.
/// Only what the data path needs: media sections are offered (the SDK offers them) but no RTP is sent.
/// </summary>
public sealed class PublisherDataClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IceCredentials _ice = IceCredentials.Generate();
    private readonly AsymmetricCipherKeyPair _key;
    private readonly X509Certificate _certificate;
    private readonly CancellationTokenSource _stop = new();
    private DtlsTransport? _dtls;
    private SctpAssociation? _sctp;
    private DataChannelManager? _channels;
    private DataChannel? _reliable;
    private Thread? _receiver;

    public PublisherDataClient()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        _key = generator.GenerateKeyPair();
        var name = new X509Name("CN=publisher-test");
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ProbablePrime(64, random));
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddDays(1));
        builder.SetPublicKey(_key.Public);
        _certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _key.Private, random));
    }

    /// <summary>The publisher offer livekit-client sends: its own data sections plus a microphone, setup:actpass.</summary>
    public string Offer()
    {
        var port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        return LiveKitSdp.SubscriberOffer(new SubscriberOfferSpec("PA_client", "TR_mic", "TR_cam", SdpVideoCodec.Vp8, true, true),
            _ice.Ufrag, _ice.Pwd, SdpFingerprint.Sha256(SHA256.HashData(_certificate.GetEncoded())), "127.0.0.1", port, 11, 22, "c").Sdp
            .Replace("a=sendonly", "a=sendrecv");
    }

    /// <summary>ICE against the answer's host candidate, DTLS as client, SCTP, then the <c>_reliable</c> channel.</summary>
    public async Task ConnectAsync(string answerSdp, TimeSpan timeout)
    {
        var answer = SdpParser.TryParse(answerSdp, out var error) ?? throw new ArgumentException("answer does not parse: " + error);
        var first = answer.FirstAccepted ?? throw new ArgumentException("answer accepts nothing");
        var candidate = answer.AllCandidates.First(c => c.Transport.Equals("udp", StringComparison.OrdinalIgnoreCase));
        var remote = new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port);
        var ice = new IceControllingClient(_ice, new IceCredentials(answer.EffectiveIceUfrag(first)!, answer.EffectiveIcePwd(first)!));
        if (await ice.ConnectAsync(_socket, remote, timeout) is null) throw new TimeoutException("ICE: no binding response from the publisher peer");
        _socket.Connect(remote);

        // BouncyCastle's handshake blocks: run it off the test's thread.
        _dtls = await Task.Factory.StartNew(() => new DtlsClientProtocol(new SecureRandom()).Connect(new Client(this), new UdpTransport(_socket)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(timeout);

        var dtls = _dtls;
        _sctp = new SctpAssociation(packet => dtls.Send(packet, 0, packet.Length));
        var established = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sctp.Established += () => established.TrySetResult();
        _receiver = new Thread(Receive) { IsBackground = true, Name = "publisher-data-client" };
        _receiver.Start();
        _sctp.Connect();
        await established.Task.WaitAsync(timeout);
        _channels = new DataChannelManager(_sctp, isDtlsServer: false);
        _reliable = _channels.OpenChannel("_reliable");
    }

    /// <summary>One LiveKit DataPacket on <c>_reliable</c>, as the SDK's publishData does.</summary>
    public void Send(byte[] packet)
    {
        if (_channels is null || _reliable is null) throw new InvalidOperationException("ConnectAsync first");
        Assert.True(_channels.Send(_reliable, packet), "the data channel refused the packet");
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = _dtls!.Receive(buffer, 0, buffer.Length, 100);
                if (n > 0) _sctp!.HandlePacket(buffer.AsSpan(0, n));
            }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (IOException) { return; }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _sctp?.Abort(); } catch (Exception) { }
        _receiver?.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
        _sctp?.Dispose();
        _stop.Dispose();
    }

    /// <summary>The connected socket as BouncyCastle's datagram transport; late STUN answers (first byte 0-3) are skipped.</summary>
    private sealed class UdpTransport(Socket socket) : DatagramTransport
    {
        public int GetReceiveLimit() => 1500;
        public int GetSendLimit() => 1200;

        public int Receive(byte[] buf, int off, int len, int waitMillis)
        {
            var until = Environment.TickCount64 + waitMillis;
            while (true)
            {
                var left = until - Environment.TickCount64;
                if (left <= 0 || !socket.Poll((int)Math.Min(int.MaxValue / 1000, left) * 1000, SelectMode.SelectRead)) return -1;
                var n = socket.Receive(buf, off, len, SocketFlags.None);
                if (n > 0 && buf[off] is >= 20 and <= 63) return n;
            }
        }

        public void Send(byte[] buf, int off, int len) => socket.Send(buf, off, len, SocketFlags.None);

        public void Close() { }
    }

    private sealed class Client(PublisherDataClient owner) : DefaultTlsClient
    {
        public override ProtocolVersion ClientVersion => ProtocolVersion.DTLSv12;
        public override ProtocolVersion MinimumVersion => ProtocolVersion.DTLSv12;

        public override int[] GetCipherSuites() =>
            [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA];

        // The engine's DTLS server insists on use_srtp, as a browser's would; the keys go unused for data.
        public override IDictionary GetClientExtensions()
        {
            var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
            TlsSRTPUtils.AddUseSrtpExtension(extensions, new UseSrtpData([SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80], TlsUtilities.EmptyBytes));
            return extensions;
        }

        public override TlsAuthentication GetAuthentication() => new Authentication(owner, mContext);

        private sealed class Authentication(PublisherDataClient owner, TlsContext context) : TlsAuthentication
        {
            public void NotifyServerCertificate(Certificate serverCertificate) { }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
                new DefaultTlsSignerCredentials(context, new Certificate([X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(owner._certificate.GetEncoded()))]),
                    owner._key.Private, new SignatureAndHashAlgorithm(BcHashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }
}
