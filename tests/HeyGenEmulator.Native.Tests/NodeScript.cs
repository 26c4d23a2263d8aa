using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Native.Tests;

/// <summary>
/// Runs one script of <c>clients/livekit-native</c> with Node (where LiveKit's native SDK and ws are installed by
/// its install.sh) and collects what it reports: one JSON object per stdout line. Other lines (the SDK's own logs)
/// go to the test output. A script that outlives its timeout is killed with its children.
/// </summary>
public static class NodeScript
{
    public static string ClientDirectory { get; } = FindClientDirectory();

    public sealed record Result(int ExitCode, IReadOnlyList<JsonObject> Reports, string Stderr)
    {
        public IEnumerable<JsonObject> OfKind(string kind) => Reports.Where(r => (string?)r["kind"] == kind);

        public JsonObject Single(string kind) => OfKind(kind).SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"no single '{kind}' report; got: {string.Join(", ", Reports.Select(r => (string?)r["kind"]))}\n{Stderr}");
    }

    public static async Task<Result> RunAsync(string script, ITestOutputHelper output, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = ClientDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NODE_NO_WARNINGS"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var reports = new List<JsonObject>();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            JsonObject? report = null;
            try { report = JsonNode.Parse(e.Data) as JsonObject; } catch (System.Text.Json.JsonException) { }
            if (report is not null && report["kind"] is not null) lock (reports) reports.Add(report);
            else Log(output, e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Log(output, $"{script} killed after {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit(); // drains the redirected streams
        string err;
        lock (stderr) err = stderr.ToString();
        if (err.Length > 0) Log(output, "stderr: " + err);
        lock (reports) return new Result(process.HasExited ? process.ExitCode : -1, [.. reports], err);
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); } catch (InvalidOperationException) { } // the test already ended
    }

    private static string FindClientDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "clients", "livekit-native");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException("clients/livekit-native not found above " + AppContext.BaseDirectory);
    }
}
