using System.Diagnostics;
using HeyGenEmulator.WebRtc.Rtp;
using Xunit;

namespace HeyGenEmulator.WebRtc.Tests.Rtp;

public class RetransmissionHistoryAgeTests
{
    private static long Ms(double ms) => (long)(ms / 1000 * Stopwatch.Frequency);

    [Fact]
    public void Packets_older_than_the_max_age_are_let_go_as_newer_ones_arrive_and_young_ones_stay()
    {
        var h = new RetransmissionHistory(1024, TimeSpan.FromSeconds(1));
        ushort seq = 65000; // crosses the 16-bit wrap on the way
        for (int i = 0; i < 1000; i++) h.Add(seq++, new byte[1200], Ms(i * 5)); // 200 packets/s for 5 s
        // At t = 4995 ms only the last second (t ≥ 3995 ms) is kept: 201 packets, not 1000 (or 1024).
        Assert.InRange(h.Count, 200, 202);
        Assert.True(h.TryGet(unchecked((ushort)(seq - 1)), out _));
        Assert.True(h.TryGet(unchecked((ushort)(seq - 150)), out _));
        Assert.False(h.TryGet(unchecked((ushort)(seq - 400)), out _));
        Assert.Single(h.Lookup([unchecked((ushort)(seq - 2)), unchecked((ushort)(seq - 900))]));
    }

    [Fact]
    public void Without_a_max_age_the_capacity_alone_bounds_the_history()
    {
        var h = new RetransmissionHistory(16);
        for (ushort s = 0; s < 40; s++) h.Add(s, new byte[10], Ms(s * 1000));
        Assert.Equal(16, h.Count);
        Assert.True(h.TryGet(24, out _));
    }

    [Fact]
    public void A_max_age_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionHistory(16, TimeSpan.Zero));
}
