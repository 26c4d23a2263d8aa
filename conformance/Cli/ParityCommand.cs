using HeyGenEmulator.Conformance.Parity;
using HeyGenEmulator.Conformance.Recording;

namespace HeyGenEmulator.Conformance.Cli;

/// <summary>
/// <c>heygen-kit parity</c>: the parity page of the embedded features (or <c>--features</c>), to a file or stdout; with
/// <c>--from</c> recordings, what they observed, and the list of @assumed behaviours a live run backs.
/// </summary>
public static class ParityCommand
{
    public static int Run(Options options)
    {
        if (options.Get("features") is { } features) Kit.UseFeatures(features);
        var recordings = options.GetAll("from");
        ParityEvidence? evidence = null;
        try
        {
            if (recordings.Count > 0) evidence = ParityEvidence.Read(recordings);
        }
        catch (RecordingFormatException e)
        {
            Console.Error.WriteLine($"heygen-kit parity: {e.Message}");
            return 2;
        }
        var page = ParityPage.Build(Kit.All, evidence);
        var markdown = page.ToMarkdown();
        var path = options.Get("out");
        if (path is not null) File.WriteAllText(path, markdown);
        else Console.Write(markdown);
        if (evidence is not null) Summarize(page, path is null ? Console.Error : Console.Out);
        return 0;
    }

    /// <summary>What a team with a live recording acts on: the @assumed behaviours it backs, and what it contradicts.</summary>
    private static void Summarize(ParityPage page, TextWriter output)
    {
        var live = page.Evidence!.Recordings.SelectMany(r => r.Targets).Where(t => t.Kind == RecordedTarget.Live).Select(t => t.Host).Distinct().ToList();
        output.WriteLine(live.Count == 0
            ? "No recording was made against the live API: the behaviours they observed are the emulator's, not evidence for @documented."
            : $"@assumed behaviours passed against the live API ({string.Join(", ", live)}), candidates for @documented: {page.AssumedHeldLive.Count}");
        foreach (var row in page.AssumedHeldLive) output.WriteLine($"  {row.Where}  {row.Behaviour}");
        if (page.FailedLive.Count > 0) output.WriteLine($"Behaviours failed against the live API: {page.FailedLive.Count}");
        foreach (var row in page.FailedLive) output.WriteLine($"  {row.Where}  {row.Behaviour}");
        if (page.Unmatched.Count > 0)
            output.WriteLine($"{page.Unmatched.Count} recorded behaviours are not in these features (renamed or removed since): {string.Join("; ", page.Unmatched.Take(5))}");
    }
}
