using HeyGenEmulator.Conformance.Recording;

namespace HeyGenEmulator.Conformance.Parity;

/// <summary>
/// What recorded runs saw of one behaviour on one host: how many of its runs passed and failed there, and the last
/// day one did. <see cref="Live"/> only for a run against the live API, whatever the host is called.
/// </summary>
public sealed record Observation(string Host, string Kind, int Passed, int Failed, DateOnly Last)
{
    public bool Live => Kind == RecordedTarget.Live;

    /// <summary>Passed there, and never failed there.</summary>
    public bool Held => Passed > 0 && Failed == 0;

    public override string ToString() =>
        $"{(Failed == 0 ? "passed" : Passed == 0 ? "failed" : $"failed {Failed} of {Passed + Failed}")} on {Host} ({Kind}) {Last:yyyy-MM-dd}";
}

/// <summary>One recording as a whole: where it ran, and how its scenario runs ended.</summary>
public sealed record RecordingSummary(string File, IReadOnlyList<RecordedTarget> Targets, DateOnly? First, DateOnly? Last, int Passed, int Failed, int Skipped, int Exchanges);

/// <summary>
/// The evidence recordings add to the parity page (<c>heygen-kit parity --from</c>): per behaviour (feature file and
/// scenario name as written, so an outline's rows count together), its observations by host.
/// </summary>
public sealed class ParityEvidence
{
    private readonly Dictionary<(string File, string Behaviour), List<Observation>> _observed = [];

    public IReadOnlyList<RecordingSummary> Recordings { get; private init; } = [];

    /// <summary>Every behaviour a recorded run passed or failed, as (feature file, scenario name as written).</summary>
    public IEnumerable<(string File, string Behaviour)> Behaviours => _observed.Keys;

    public IReadOnlyList<Observation> Of(string file, string behaviour) =>
        _observed.TryGetValue((file, behaviour), out var observed) ? observed : [];

    /// <summary>Reads the recordings; a line that is not a recording line is a <see cref="RecordingFormatException"/>.</summary>
    public static ParityEvidence Read(IReadOnlyList<string> files)
    {
        var summaries = new List<RecordingSummary>();
        var results = new List<ResultLine>();
        foreach (var file in files)
        {
            var lines = RecordingReader.Read(file).ToList();
            var ended = lines.OfType<ResultLine>().ToList();
            results.AddRange(ended);
            DateOnly? Day(Func<IEnumerable<DateTimeOffset>, DateTimeOffset> pick) => lines.Count == 0 ? null : DateOnly.FromDateTime(pick(lines.Select(l => l.Time)).UtcDateTime);
            int Count(string result) => ended.Count(r => r.Result == result);
            summaries.Add(new RecordingSummary(Path.GetFileName(file), [.. lines.Select(l => l.Target).Distinct()], Day(Enumerable.Min), Day(Enumerable.Max),
                Count(ResultLine.Passed), Count(ResultLine.Failed), Count(ResultLine.Skipped), lines.Count(l => l is ExchangeLine)));
        }
        var evidence = new ParityEvidence { Recordings = summaries };
        foreach (var behaviour in results.Where(r => r.Result != ResultLine.Skipped).GroupBy(r => (r.Scenario.File, r.Scenario.Behaviour)))
            evidence._observed[behaviour.Key] = [.. behaviour.GroupBy(r => (r.Target.Host, r.Target.Kind))
                .Select(g => new Observation(g.Key.Host, g.Key.Kind, g.Count(r => r.Result == ResultLine.Passed), g.Count(r => r.Result == ResultLine.Failed),
                    DateOnly.FromDateTime(g.Max(r => r.Time).UtcDateTime)))
                .OrderByDescending(o => o.Live).ThenBy(o => o.Host, StringComparer.Ordinal)];
        return evidence;
    }
}
