using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.Bench;

/// <summary>What the bare loop cost: sender CPU per packet on its own thread, and what it sent.</summary>
public sealed record BareLoopResult(double MicrosecondsPerPacket, long Packets, double Seconds);

/// <summary>
/// The limit row of <c>bench media</c> (issue 14): what protecting and sending the engine's packets costs with nothing
/// else — no engine, no pacing logic, no RTCP. At the engine's measured packet rate and mean size, one thread builds
/// each RTP packet from a template, encrypts its payload under that receiver's own key (as each engine peer has its
/// own) with AES-128 in counter mode (one ECB transform over the counter blocks, a vector XOR), appends HMAC-SHA1-80,
/// and sends it to N loopback receivers in the bench process, which drain them as the light peers do. Its CPU time is the thread's own (schedstat, in ns). Uses the same primitives
/// as the engine at their cheapest — including its batched send (<see cref="DatagramBatch"/>: one <c>sendmmsg</c>
/// per pacing tick, the engine's own <see cref="MediaEngine.PacingTickMs"/>, so both rows batch alike) — so engine ÷
/// bare is an honest ratio.
/// </summary>
public static class BareSendLoop
{
    private const int HeaderLength = 12, TagLength = 10;

    /// <summary>
    /// Runs the loop to <paramref name="receivers"/> sinks drained in this process. With <paramref name="senderInChild"/>
    /// the sending thread runs in a child process (<c>bench bare-send</c>), as the engine's pacer runs in the emulator's
    /// process apart from the light peers it sends to: each datagram then wakes a thread of another process, and being
    /// switched out for it costs the sender an address-space switch, which on this VM is far dearer than a switch
    /// within one process.
    /// </summary>
    /// <param name="measuring">Called (child sender only) as the child's measured seconds start, after its warm-up.</param>
    /// <param name="measured">Called (child sender only) as they end: a caller can measure something else over the same seconds.</param>
    public static async Task<BareLoopResult> RunAsync(int receivers, double packetsPerSecond, int meanPacketBytes, TimeSpan duration,
        bool senderInChild = true, Func<Task>? measuring = null, Func<Task>? measured = null)
    {
        var sinks = Enumerable.Range(0, Math.Max(1, receivers)).Select(_ =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return s;
        }).ToList();
        using var stop = new CancellationTokenSource();
        var drains = sinks.Select(s => Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try { while (true) await s.ReceiveAsync(buffer, SocketFlags.None, stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        })).ToList();
        try
        {
            var ports = sinks.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
            int rtpBytes = Math.Clamp(meanPacketBytes - TagLength, HeaderLength + 16, 1400);
            return senderInChild
                ? await SendFromChildAsync(ports, packetsPerSecond, rtpBytes, duration, measuring, measured)
                : await SendOnThreadAsync(ports, packetsPerSecond, rtpBytes, duration);
        }
        finally
        {
            stop.Cancel();
            foreach (var s in sinks) s.Dispose();
            await Task.WhenAll(drains);
        }
    }

    /// <summary><c>bench bare-send</c>: the sending side alone, to loopback ports another process drains; prints its result.</summary>
    public static async Task<int> RunSenderAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var ports = Arg("--ports").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var result = await SendOnThreadAsync(ports, double.Parse(Arg("--rate"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--bytes"), CultureInfo.InvariantCulture), TimeSpan.FromSeconds(double.Parse(Arg("--seconds"), CultureInfo.InvariantCulture)),
            () => Console.WriteLine(MeasuringLine));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bare-send {result.MicrosecondsPerPacket} {result.Packets} {result.Seconds}"));
        return 0;
    }

    private const string MeasuringLine = "bare-send measuring";

    private static async Task<BareLoopResult> SendFromChildAsync(int[] ports, double packetsPerSecond, int rtpBytes, TimeSpan duration,
        Func<Task>? measuring, Func<Task>? measured)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            MediaBench.FindBenchDll(), "bare-send",
            "--ports", string.Join(',', ports),
            "--rate", packetsPerSecond.ToString(CultureInfo.InvariantCulture), "--bytes", rtpBytes.ToString(CultureInfo.InvariantCulture),
            "--seconds", duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("could not start bench bare-send");
        var stderr = child.StandardError.ReadToEndAsync();
        string? line = null;
        while (await child.StandardOutput.ReadLineAsync() is { } printed)
        {
            if (printed == MeasuringLine)
            {
                if (measuring is not null) await measuring();
            }
            else if (printed.StartsWith("bare-send ", StringComparison.Ordinal) && line is null)
            {
                line = printed;
                if (measured is not null) await measured();
            }
        }
        await child.WaitForExitAsync();
        if (line is null) throw new InvalidOperationException("bench bare-send printed no result: " + await stderr);
        var f = line.Split(' ');
        return new BareLoopResult(double.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
    }

    private static async Task<BareLoopResult> SendOnThreadAsync(int[] ports, double packetsPerSecond, int rtpBytes, TimeSpan duration,
        Action? measuring = null)
    {
        BareLoopResult? result = null;
        var targets = ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToList();
        var thread = new Thread(() => result = Send(targets, packetsPerSecond, rtpBytes, duration, measuring))
        {
            IsBackground = true, Name = "bare-send-loop", Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        await Task.Run(thread.Join);
        return result!;
    }

    private static BareLoopResult Send(List<IPEndPoint> targets, double packetsPerSecond, int rtpBytes, TimeSpan duration, Action? measuring)
    {
        using var mux = new UdpMux(new UdpMuxOptions { BindAddress = IPAddress.Loopback, Port = 0 });
        using var batch = mux.CreateBatch();
        var addresses = targets.Select(mux.SocketAddressOf).ToArray();
        // Each receiver has its own SRTP keys, as each of the engine's peers does, and so its own AES and HMAC state,
        // colder by the time that receiver's next packet comes (one key for all made the row cheaper at N = 250 and 500).
        var ecbs = new ICryptoTransform[addresses.Length];
        var macs = new IncrementalHash[addresses.Length];
        var salts = new byte[addresses.Length][];
        for (int k = 0; k < addresses.Length; k++)
        {
            var aes = Aes.Create();
            aes.Key = RandomNumberGenerator.GetBytes(16);
            aes.Mode = CipherMode.ECB;
            aes.Padding = PaddingMode.None;
            ecbs[k] = aes.CreateEncryptor();
            aes.Dispose();
            macs[k] = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, RandomNumberGenerator.GetBytes(20));
            salts[k] = RandomNumberGenerator.GetBytes(14);
        }
        var template = new byte[rtpBytes];
        RandomNumberGenerator.Fill(template);
        template[0] = 0x80;
        template[1] = 96;
        int blocks = (rtpBytes - HeaderLength + 15) / 16;
        var counters = new byte[blocks * 16];
        var keystream = new byte[blocks * 16];
        Span<byte> tag = stackalloc byte[20];
        Span<byte> roc = stackalloc byte[4];

        long packets = 0;
        ushort seq = 0;
        var clock = Stopwatch.StartNew();
        // The first second is not measured: the loop's code is compiled and tiered up then, and the sockets' buffers
        // grow; counted in, it made short runs dearer per packet than long ones.
        var warmUp = TimeSpan.FromSeconds(1);
        long cpuStart = 0, packetsAtStart = 0;
        bool inWindow = false;
        while (clock.Elapsed < warmUp + duration)
        {
            if (!inWindow && clock.Elapsed >= warmUp)
            {
                (inWindow, cpuStart, packetsAtStart) = (true, ThreadCpuNanoseconds(), packets);
                measuring?.Invoke();
            }
            long due = (long)(clock.Elapsed.TotalSeconds * packetsPerSecond);
            for (; packets < due; packets++, seq++)
            {
                int receiver = (int)(packets % addresses.Length);
                var (ecb, mac, salt) = (ecbs[receiver], macs[receiver], salts[receiver]);
                var packet = batch.Next();
                template.CopyTo(packet);
                BinaryPrimitives.WriteUInt16BigEndian(packet[2..], seq);
                for (int b = 0; b < blocks; b++)
                {
                    var block = counters.AsSpan(b * 16, 16);
                    salt.CopyTo(block);
                    BinaryPrimitives.WriteUInt16BigEndian(block[12..], seq);
                    BinaryPrimitives.WriteUInt16BigEndian(block[14..], (ushort)b);
                }
                ecb.TransformBlock(counters, 0, counters.Length, keystream, 0);
                VectorXor.Apply(packet.Slice(HeaderLength, rtpBytes - HeaderLength), keystream);
                mac.AppendData(packet[..rtpBytes]);
                mac.AppendData(roc);
                mac.GetHashAndReset(tag);
                tag[..TagLength].CopyTo(packet[rtpBytes..]);
                batch.Add(rtpBytes + TagLength, addresses[receiver]);
            }
            batch.Flush();
            Thread.Sleep(MediaEngine.PacingTickMs);
        }
        long cpu = ThreadCpuNanoseconds() - cpuStart;
        foreach (var e in ecbs) e.Dispose();
        foreach (var m in macs) m.Dispose();
        long measured = packets - packetsAtStart;
        return new BareLoopResult(!inWindow || measured == 0 ? double.NaN : cpu / 1000.0 / measured, measured, (clock.Elapsed - warmUp).TotalSeconds);
    }

    /// <summary>Time this thread has run on a CPU, in ns (the first field of /proc/thread-self/schedstat).</summary>
    private static long ThreadCpuNanoseconds() =>
        long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], CultureInfo.InvariantCulture);
}
