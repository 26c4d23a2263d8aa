using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HeyGenEmulator.Conformance.Runner;

namespace HeyGenEmulator.Conformance.Parity;

/// <summary>
/// One behaviour of an endpoint: the scenario, its evidence tag(s) and the source its text gives; with recordings
/// (<see cref="ParityEvidence"/>), what runs observed of it, by host.
/// </summary>
public sealed record ParityRow(string Behaviour, string Where, string Evidence, string Source)
{
    public IReadOnlyList<Observation> Observed { get; init; } = [];

    public bool IsAssumed => Evidence.StartsWith("@assumed", StringComparison.Ordinal);

    /// <summary>A run against the live API passed it and none there failed it.</summary>
    public bool HeldLive => Observed.Any(o => o.Live && o.Held);

    public bool FailedLive => Observed.Any(o => o.Live && o.Failed > 0);
}

public sealed record ParityEndpoint(string Name, IReadOnlyList<ParityRow> Rows)
{
    public int Documented => Rows.Count(r => r.Evidence.StartsWith("@documented", StringComparison.Ordinal));
    public int Assumed => Rows.Count(r => r.IsAssumed);
    public int EmulatorOnly => Rows.Count(r => r.Evidence.Contains("@emulator-only", StringComparison.Ordinal));
    public int ObservedLive => Rows.Count(r => r.HeldLive);
}

/// <summary>
/// The parity page, from the feature tags alone: for each endpoint (<c>@endpoint:</c>), each behaviour (scenario;
/// an outline once) with its evidence — <c>@documented</c> with the source its description (or its feature's) cites,
/// <c>@assumed</c>, <c>@emulator-only</c> — and the counts per endpoint. Given recordings (<c>--from</c>), it adds what
/// they observed: per behaviour the hosts it passed (or failed) on, per endpoint the count observed on the live API,
/// and the @assumed behaviours a live run backs. Without them the page is the tags' alone.
/// </summary>
public sealed partial class ParityPage(IReadOnlyList<ParityEndpoint> endpoints, ParityEvidence? evidence = null)
{
    public const string Regenerate = "dotnet run --project conformance -- parity --out docs/parity.md";
    private const string EndpointTag = "@endpoint:";
    private const int SourceChars = 160;

    public IReadOnlyList<ParityEndpoint> Endpoints { get; } = endpoints;

    /// <summary>The recordings' evidence, or null for the page of the tags alone.</summary>
    public ParityEvidence? Evidence { get; } = evidence;

    /// <summary>Behaviours the recordings name that these features do not have (renamed or removed since), as "file: name".</summary>
    public IReadOnlyList<string> Unmatched { get; private init; } = [];

    public static ParityPage Build(IReadOnlyList<ScenarioCase> scenarios, ParityEvidence? evidence = null)
    {
        var behaviours = scenarios.GroupBy(s => (s.FeatureFile, s.ScenarioLine)).Select(g => g.First()).ToList();
        var endpoints = behaviours
            .SelectMany(s => s.Tags.Where(t => t.StartsWith(EndpointTag, StringComparison.Ordinal)).Select(t => (Endpoint: t[EndpointTag.Length..], Scenario: s)))
            .GroupBy(x => x.Endpoint, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ParityEndpoint(g.Key, [.. g.Select(x => Row(x.Scenario, evidence))]))
            .ToList();
        var known = behaviours.Select(b => (b.FeatureFile, b.Behaviour)).ToHashSet();
        return new ParityPage(endpoints, evidence)
        {
            Unmatched = evidence is null ? [] : [.. evidence.Behaviours.Where(b => !known.Contains(b)).Select(b => $"{b.File}: {b.Behaviour}").Order(StringComparer.Ordinal)],
        };
    }

    private static ParityRow Row(ScenarioCase s, ParityEvidence? observed)
    {
        bool Has(string tag) => s.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
        var evidence = (Has("@documented") ? "@documented" : Has("@assumed") ? "@assumed" : "(none)") + (Has("@emulator-only") ? " @emulator-only" : "");
        var source = !string.IsNullOrEmpty(s.Description) ? s.Description : s.Feature.Description;
        return new ParityRow(s.Behaviour, $"{s.FeatureFile}:{s.ScenarioLine}", evidence, Condense(source))
        {
            Observed = observed?.Of(s.FeatureFile, s.Behaviour) ?? [],
        };
    }

    /// <summary>Every behaviour once (a scenario naming two endpoints is on both their tables).</summary>
    private IEnumerable<ParityRow> Behaviours => Endpoints.SelectMany(e => e.Rows).DistinctBy(r => r.Where);

    /// <summary>The @assumed behaviours a live run passed and no live run failed: what a team would re-tag @documented.</summary>
    public IReadOnlyList<ParityRow> AssumedHeldLive => [.. Behaviours.Where(r => r.IsAssumed && r.HeldLive)];

    /// <summary>Behaviours a live run failed: the emulator (or the scenario) and HeyGen disagree.</summary>
    public IReadOnlyList<ParityRow> FailedLive => [.. Behaviours.Where(r => r.FailedLive)];

    /// <summary>The first sentence or so of a description, on one line.</summary>
    private static string Condense(string text)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        if (line.Length <= SourceChars) return line.Length == 0 ? "—" : line;
        var cut = line.LastIndexOf(' ', SourceChars);
        return line[..(cut > 0 ? cut : SourceChars)] + " …";
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(string s = "") => text.Append(s).Append('\n');
        Line("# Parity: endpoint × behaviour × evidence");
        Line();
        Line("Generated by `heygen-kit parity` from the tags of `features/`; do not edit by hand. The conformance unit tests");
        Line("fail when it is stale. Regenerate with:");
        Line();
        Line($"```\n{Regenerate}\n```");
        Line();
        Line("Evidence: `@documented` — HeyGen's documentation or the reference notes show the behaviour (the source is the");
        Line("scenario's text, or its feature's); `@assumed` — our choice where HeyGen's behaviour is unverified;");
        Line("`@emulator-only` — the scenario needs the emulator's admin API, so it never runs against the live API.");
        Line();
        if (Evidence is not null) ObservedRuns(Line);
        var observedColumn = Evidence is null ? ("", "") : (" observed live |", "--:|");
        Line($"| Endpoint | Behaviours | @documented | @assumed | @emulator-only |{observedColumn.Item1}");
        Line($"|---|--:|--:|--:|--:|{observedColumn.Item2}");
        foreach (var e in Endpoints)
            Line(string.Create(CultureInfo.InvariantCulture, $"| [`{e.Name}`](#{Anchor(e.Name)}) | {e.Rows.Count} | {e.Documented} | {e.Assumed} | {e.EmulatorOnly} |")
                + (Evidence is null ? "" : string.Create(CultureInfo.InvariantCulture, $" {e.ObservedLive} |")));
        foreach (var e in Endpoints)
        {
            Line();
            Line($"## {e.Name}");
            Line();
            Line(Evidence is null ? "| Behaviour | Evidence | Source |" : "| Behaviour | Evidence | Observed | Source |");
            Line(Evidence is null ? "|---|---|---|" : "|---|---|---|---|");
            foreach (var r in e.Rows)
                Line(Evidence is null ? $"| {Cell(r.Behaviour)} ({r.Where}) | {r.Evidence} | {Cell(r.Source)} |"
                    : $"| {Cell(r.Behaviour)} ({r.Where}) | {r.Evidence} | {Cell(Observed(r))} | {Cell(r.Source)} |");
        }
        return text.ToString();
    }

    private static string Observed(ParityRow row) => row.Observed.Count == 0 ? "—" : string.Join("; ", row.Observed);

    /// <summary>The recordings read, and what they back: honest about the host, since a run against an emulator shows only that the kit ran.</summary>
    private void ObservedRuns(Action<string> line)
    {
        line("## Observed runs");
        line("");
        line("Added by `heygen-kit parity --from` from recordings of `heygen-kit run` (`--record`; on by default against the");
        line("live API). A behaviour is observed on a host when a recorded run of it passed there; `failed on` when one failed");
        line("there. Only runs against the live API count as \"observed live\"; a run against an emulator shows what the");
        line("emulator does, not what HeyGen does.");
        line("");
        line("| Recording | Target | Days | Passed | Failed | Skipped | Exchanges |");
        line("|---|---|---|--:|--:|--:|--:|");
        foreach (var r in Evidence!.Recordings)
            line(string.Create(CultureInfo.InvariantCulture, $"| {Cell(r.File)} | {Cell(string.Join(", ", r.Targets.Select(t => $"{t.Kind} {t.Host}")))} | {r.First:yyyy-MM-dd}{(r.Last != r.First ? $" – {r.Last:yyyy-MM-dd}" : "")} | {r.Passed} | {r.Failed} | {r.Skipped} | {r.Exchanges} |"));
        line("");
        line("@assumed behaviours a live run backs (candidates for `@documented`, citing the recording):");
        line("");
        foreach (var r in AssumedHeldLive) line($"- {Cell(r.Behaviour)} ({r.Where}): {Cell(Observed(r))}");
        if (AssumedHeldLive.Count == 0) line("- none: no recording here passed an @assumed behaviour against the live API.");
        line("");
        if (FailedLive.Count > 0)
        {
            line("Behaviours a live run failed (the emulator or the scenario disagrees with HeyGen):");
            line("");
            foreach (var r in FailedLive) line($"- {Cell(r.Behaviour)} ({r.Where}): {Cell(Observed(r))}");
            line("");
        }
    }

    private static string Anchor(string name) => NotAnchor().Replace(name.ToLowerInvariant(), "");

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^a-z0-9_\- ]")]
    private static partial Regex NotAnchor();
}
