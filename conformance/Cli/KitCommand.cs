using HeyGenEmulator.Conformance.Adapters;
using HeyGenEmulator.Conformance.Clients;
using HeyGenEmulator.Conformance.Recording;
using HeyGenEmulator.Conformance.Reports;
using HeyGenEmulator.Conformance.Runner;
using HeyGenEmulator.Conformance.Target;

namespace HeyGenEmulator.Conformance.Cli;

/// <summary>
/// <c>heygen-kit run</c>: the kit as a tool. The options become the settings <c>dotnet test conformance</c> reads from
/// the environment (HEYGEN_TARGET, HEYGEN_BASE_URL, HEYGEN_CLIENTS), so both doors run the same kit.
/// </summary>
public static class KitCommand
{
    public const string Usage = """
        heygen-kit run [--target emulator|<url>|live] [--clients csharp,js-sdk-2.1.0,adapter:http://127.0.0.1:PORT] [--tags "<tag expression>"]
                       [--report <dir>] [--features <dir>] [--record <file>|off]
            Runs the conformance features (embedded; --features runs your own) against an emulator started in-process
            (emulator, the default), a running emulator (<url>; HEYGEN_API_KEY, HEYGEN_ADMIN_TOKEN) or the live API
            (live; HEYGEN_API_KEY). --report writes junit.xml, messages.ndjson (Cucumber messages) and report.html.
            --record appends every HTTP exchange of the scenarios (masked) and each scenario's result to <file>
            (NDJSON); on by default against live, into <report dir>/exchanges.ndjson (./exchanges.ndjson without --report).
            Exits 1 when a scenario fails, 2 when the target cannot be used.
        heygen-kit adapter csharp|js-sdk-2.0.8|js-sdk-2.1.0 [--port <port>]
            Serves a built-in client through the client adapter protocol (docs/client-adapter.md) on 127.0.0.1 (port 0,
            the default: a free one) and prints "listening on http://127.0.0.1:PORT"; runs until DELETE / or Ctrl+C.
        heygen-kit parity [--out <file>] [--features <dir>] [--from <recording> ...]
            Writes the parity page (endpoint × behaviour × evidence) as markdown, to stdout without --out. --from adds
            what recordings observed: each behaviour that passed there, on which host; the @assumed ones that passed
            against the live API are listed (on stdout with --out, else on stderr).
        Not affiliated with HeyGen.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "run" => await RunKitAsync(Options.Parse(args.Skip(1))),
                "parity" => ParityCommand.Run(Options.Parse(args.Skip(1))),
                "adapter" when args.Length > 1 => await AdapterCommand.RunAsync(args[1], Options.Parse(args.Skip(2))),
                _ => Help(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"heygen-kit: {e.Message}\n\n{Usage}");
            return 2;
        }
    }

    private static int Help()
    {
        Console.WriteLine(Usage);
        return 2;
    }

    private static async Task<int> RunKitAsync(Options options)
    {
        Environment.SetEnvironmentVariable("HEYGEN_TARGET", null);
        switch (options.Get("target") ?? "emulator")
        {
            case "emulator":
                Environment.SetEnvironmentVariable("HEYGEN_BASE_URL", null);
                break;
            case "live":
                Environment.SetEnvironmentVariable("HEYGEN_TARGET", "live");
                break;
            case var url when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                Environment.SetEnvironmentVariable("HEYGEN_BASE_URL", url);
                break;
            case var other:
                throw new ArgumentException($"--target {other}: expected emulator, live or an http(s) URL");
        }
        if (options.Get("clients") is { } clients) Environment.SetEnvironmentVariable("HEYGEN_CLIENTS", clients);
        if (options.Get("features") is { } features) Kit.UseFeatures(features);
        var report = options.Get("report");
        if (report is not null)
        {
            Directory.CreateDirectory(report);
            // Reqnroll's own formatters: Cucumber messages and Cucumber's HTML report (read when its runtime starts).
            Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS_MESSAGE", "outputFilePath=" + Path.GetFullPath(Path.Combine(report, "messages.ndjson")));
            Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS_HTML", "outputFilePath=" + Path.GetFullPath(Path.Combine(report, "report.html")));
        }

        var record = options.Get("record") switch
        {
            "off" => null,
            null when KitTarget.KindFromEnvironment() == TargetKind.Live => Path.Combine(report ?? ".", "exchanges.ndjson"),
            var path => path,
        };
        Environment.SetEnvironmentVariable(RecordingFile.Variable, record);

        var cases = Kit.Selected(options.Get("tags")).ToList();
        if (cases.Count == 0)
        {
            Console.Error.WriteLine("heygen-kit: no scenario matches the selection");
            return 2;
        }
        try
        {
            // Once, before any scenario: a target that cannot be used is one clear message, not a failure per scenario.
            await TargetHost.GetAsync();
        }
        catch (KitTargetException e)
        {
            Console.Error.WriteLine($"heygen-kit: {e.Message}");
            return 2;
        }
        try
        {
            _ = RecordingFile.Current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"heygen-kit: cannot write the recording {record}: {e.Message}");
            await TargetHost.StopAsync();
            return 2;
        }

        var results = new List<KitResult>();
        try
        {
            foreach (var run in cases)
            {
                var result = await Kit.RunAsync(run);
                results.Add(result);
                Console.WriteLine(result.Result.Outcome switch
                {
                    ScenarioOutcome.Passed => $"  passed  {run.Id}",
                    ScenarioOutcome.Skipped => $"  skipped {run.Id} ({result.Result.Message})",
                    _ => $"  FAILED  {run.Id}",
                });
            }
        }
        finally
        {
            await Kit.EndAsync();
            await BuiltInAdapters.CloseAsync();
            await TargetHost.StopAsync();
        }

        foreach (var failed in results.Where(r => r.Result.Outcome == ScenarioOutcome.Failed))
            Console.WriteLine($"\n{failed.Case.Id}\n{failed.FailureText}");
        if (report is not null)
        {
            JUnitReport.Write(results, Path.Combine(report, "junit.xml"));
            HtmlParity.AddTo(Path.Combine(report, "report.html"), Parity.ParityPage.Build(Kit.All, Observed(RecordingFile.Current)));
            Console.WriteLine($"\nReports: {Path.GetFullPath(report)} (junit.xml, messages.ndjson, report.html)");
        }
        if (RecordingFile.Current is { } recording)
            Console.WriteLine($"Recording: {recording.Path} (heygen-kit parity --from {recording.Path} adds it to the parity page)");
        int Count(ScenarioOutcome o) => results.Count(r => r.Result.Outcome == o);
        Console.WriteLine($"\n{Count(ScenarioOutcome.Passed)} passed, {Count(ScenarioOutcome.Failed)} failed, {Count(ScenarioOutcome.Skipped)} skipped");
        return Count(ScenarioOutcome.Failed) > 0 ? 1 : 0;
    }

    /// <summary>What the recording (this run's, and earlier runs' appended to the same file) observed, for the report's parity table.</summary>
    private static Parity.ParityEvidence? Observed(RecordingFile? recording)
    {
        if (recording is null) return null;
        try
        {
            return Parity.ParityEvidence.Read([recording.Path]);
        }
        catch (RecordingFormatException e)
        {
            Console.Error.WriteLine($"heygen-kit: the report's parity table leaves the recording out: {e.Message}");
            return null;
        }
    }
}

/// <summary><c>--name value</c> pairs; a name given more than once keeps every value.</summary>
public sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            if (!e.Current.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{e.Current}'");
            var name = e.Current[2..];
            if (!e.MoveNext()) throw new ArgumentException($"--{name} needs a value");
            if (!options._values.TryGetValue(name, out var values)) options._values[name] = values = [];
            values.Add(e.Current);
        }
        return options;
    }

    /// <summary>The value given last, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var values) ? values : [];
}
