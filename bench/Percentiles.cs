namespace HeyGenEmulator.Bench;

public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Summary(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return $"n={sorted.Count,6}  p50={Of(sorted, 50),7:0.00}  p99={Of(sorted, 99),7:0.00}  max={(sorted.Count > 0 ? sorted[^1] : double.NaN),7:0.00}";
    }
}
