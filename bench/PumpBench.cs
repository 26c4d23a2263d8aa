using System.Diagnostics;
using System.Security.Cryptography;
using HeyGenEmulator.WebRtc.Peer;
using HeyGenEmulator.WebRtc.Srtp;

namespace HeyGenEmulator.Bench;

/// <summary>
/// The pacer's user-space work with no network (issue 14): N peers' <see cref="PeerMediaPump"/>s driven over simulated
/// time in the engine's ticks (<see cref="MediaEngine.PacingTickMs"/>), each packet protected by that peer's own <see cref="SrtpContext"/>, against
/// protecting the same sequence of packet sizes alone. The difference is what the engine's own code (pacing,
/// packetising, the NACK history, the send callback) adds per packet. With <c>--evict-mb</c>, that many MB are
/// written between ticks (time not counted), so each peer's state is as cold at its next visit as it is in a live run
/// beside the kernel's and the receivers' traffic.
/// </summary>
public static class PumpBench
{
    public static void Run(int peers, int frameBytes, int seconds, int evictMb)
    {
        Console.WriteLine($"pump bench: {peers} peers, {frameBytes} B video frames at 25 fps, Opus silence every 20 ms, " +
            $"{seconds} s of simulated time per round, {evictMb} MB written between ticks");
        var frame = RandomNumberGenerator.GetBytes(frameBytes);
        byte[] silence = [0xF8, 0xFF, 0xFE];
        var output = new byte[2048];
        var sizes = new List<int>();
        var senders = new List<int>();
        var contexts = new SrtpContext[peers];
        var pumps = new PeerMediaPump[peers];
        long packets = 0;
        for (int i = 0; i < peers; i++)
        {
            int peer = i;
            var context = contexts[i] = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(14));
            pumps[i] = new PeerMediaPump(new FixedSource(frame, silence), new PeerMediaConfig(), 0, rtp =>
            {
                context.ProtectRtp(rtp, output);
                packets++;
                sizes.Add(rtp.Length);
                senders.Add(peer);
            });
        }
        var evict = new byte[evictMb * 1048576];
        var due = new long[peers];
        long tick = Stopwatch.Frequency * MediaEngine.PacingTickMs / 1000;
        long start = 0;
        // Rounds 1 and 2 warm up (JIT tiers, buffers); rounds 3 and 4 are the figures.
        for (int round = 1; round <= 4; round++)
        {
            packets = 0;
            sizes.Clear();
            senders.Clear();
            long excluded = 0;
            var clock = Stopwatch.StartNew();
            for (long now = start; now < start + seconds * Stopwatch.Frequency; now += tick)
            {
                for (int i = 0; i < peers; i++)
                    if (due[i] <= now) due[i] = pumps[i].Pump(now);
                excluded += Evict(evict);
            }
            start += seconds * Stopwatch.Frequency;
            double engine = (clock.ElapsedTicks - excluded) * 1e6 / Stopwatch.Frequency / packets;

            var rtp = new byte[2048];
            rtp[0] = 0x80;
            rtp[1] = 96;
            // The same packets in the same order, each under its own peer's context, evicting as often as the pump did.
            int perTick = Math.Max(1, (int)(packets / (seconds * 1000.0 / MediaEngine.PacingTickMs)));
            excluded = 0;
            clock.Restart();
            for (int p = 0; p < sizes.Count; p++)
            {
                rtp[3] = (byte)p;
                contexts[senders[p]].ProtectRtp(rtp.AsSpan(0, sizes[p]), output);
                if (p % perTick == perTick - 1) excluded += Evict(evict);
            }
            double protectOnly = (clock.ElapsedTicks - excluded) * 1e6 / Stopwatch.Frequency / sizes.Count;
            if (round > 2)
                Console.WriteLine($"  round {round - 2}: {packets} packets (mean {sizes.Average():0} B): engine path {engine:0.00} µs/packet, " +
                    $"protect only {protectOnly:0.00} µs/packet, engine's own code {engine - protectOnly:0.00} µs/packet");
        }
    }

    /// <summary>Writes one byte per cache line of <paramref name="buffer"/>; returns the Stopwatch ticks it took.</summary>
    private static long Evict(byte[] buffer)
    {
        if (buffer.Length == 0) return 0;
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; i < buffer.Length; i += 64) buffer[i]++;
        return Stopwatch.GetTimestamp() - begin;
    }

    private sealed class FixedSource(byte[] frame, byte[] silence) : IPeerMediaSource
    {
        public bool TryGetVideoFrame(out ReadOnlyMemory<byte> f, out bool isKeyFrame)
        {
            f = frame;
            isKeyFrame = false;
            return true;
        }

        public ReadOnlyMemory<byte> NextAudioPacket() => silence;

        public void RequestKeyFrame() { }
    }
}
