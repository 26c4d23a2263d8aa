namespace HeyGenEmulator.Bench;

/// <summary>CPU and memory of a process, and of the whole machine, from Linux /proc.</summary>
public static class ProcStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on every Linux we target

    /// <summary>utime + stime of <paramref name="pid"/> in seconds.</summary>
    public static double CpuSeconds(int pid) => StatCpuSeconds(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>utime + stime of a process's or a thread's <c>stat</c> line, in seconds.</summary>
    private static double StatCpuSeconds(string stat)
    {
        // Fields after the command name (which may contain spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>
    /// utime + stime of each live thread of <paramref name="pid"/> in seconds, summed by thread name (the part before a
    /// ':', so "UdpMux:38873" is "UdpMux"). Threads that ended are missing: the process total minus these is theirs.
    /// </summary>
    public static Dictionary<string, double> ThreadCpuSeconds(int pid)
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(task, "stat")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // ended meanwhile
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')].Split(':')[0].Trim();
            byName[name] = byName.GetValueOrDefault(name) + StatCpuSeconds(stat);
        }
        return byName;
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
