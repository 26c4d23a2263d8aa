namespace HeyGenEmulator.WebRtc.Rtcp;

/// <summary>64-bit NTP timestamps (seconds since 1900-01-01 UTC, 32.32 fixed point) as used in Sender Reports.</summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = (time - Epoch).Ticks; // 100 ns
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)((UInt128)(ulong)(ticks % TimeSpan.TicksPerSecond) * ((UInt128)1 << 32) / TimeSpan.TicksPerSecond);
        // Era 0 wraps in 2036; the low 32 bits of seconds are what goes on the wire either way.
        return ((seconds & 0xFFFF_FFFF) << 32) | fraction;
    }

    /// <summary>The middle 32 bits (16.16), as echoed in report blocks' LSR field.</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);
}
