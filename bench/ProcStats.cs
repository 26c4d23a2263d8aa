namespace HeyGenEmulator.Bench;

/// <summary>CPU and memory of a process, and of the whole machine, from Linux /proc.</summary>
public static class ProcStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux we target

    /// <summary>utime + stime of <paramref name="pid"/> in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may contain spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>Resident set size of <paramref name="pid"/> in bytes.</summary>
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>(busy, total) jiffies of all CPUs since boot; the difference of two readings gives machine load.</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var first = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        long idle = first[3] + (first.Length > 4 ? first[4] : 0);
        long total = first.Take(8).Sum();
        return (total - idle, total);
    }
}
