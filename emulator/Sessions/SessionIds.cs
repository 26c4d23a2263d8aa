using System.Security.Cryptography;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// HeyGen session ids are time-based UUIDs (version 1), e.g. <c>eba59f0d-71f5-11ef-b8af-d2e5560124bc</c>.
/// We make the same shape from the emulator's clock, with a random node so ids never collide.
/// </summary>
public static class SessionIds
{
    private static readonly DateTimeOffset GregorianStart = new(1582, 10, 15, 0, 0, 0, TimeSpan.Zero);
    private static long _lastTicks;

    public static string NewV1(DateTimeOffset now)
    {
        long ticks = (now - GregorianStart).Ticks; // 100 ns intervals, as RFC 4122 wants
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTicks);
            next = Math.Max(ticks, last + 1);
        } while (Interlocked.CompareExchange(ref _lastTicks, next, last) != last);

        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        uint timeLow = (uint)(next & 0xFFFFFFFF);
        ushort timeMid = (ushort)((next >> 32) & 0xFFFF);
        ushort timeHi = (ushort)(((next >> 48) & 0x0FFF) | 0x1000);
        ushort clockSeq = (ushort)(((random[0] << 8 | random[1]) & 0x3FFF) | 0x8000);
        random[2] |= 0x01; // multicast bit: a random node, not a MAC address (RFC 4122 §4.5)
        return $"{timeLow:x8}-{timeMid:x4}-{timeHi:x4}-{clockSeq:x4}-{Convert.ToHexStringLower(random[2..8])}";
    }

    public static bool LooksLikeV1(string? id) =>
        id is { Length: 36 } && Guid.TryParse(id, out _) && id[14] == '1';
}
