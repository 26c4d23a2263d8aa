using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace HeyGenEmulator.Packaging.Tests;

/// <summary>
/// A command run as a user would run it (dotnet pack, dotnet tool install, the installed tool), with the test host's
/// MSBuild and test-platform variables removed so the child is a clean dotnet. Output lines are kept and echoed to the
/// test output; a process still running at dispose is killed with its children.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper? _output;

    private ChildProcess(Process process, ITestOutputHelper? output)
    {
        _process = process;
        _output = output;
    }

    public IReadOnlyCollection<string> Lines => _lines;
    public string Output => string.Join('\n', _lines);
    public event Action<string>? LineReceived;

    public static ChildProcess Start(string fileName, IEnumerable<string> args, string workingDirectory, ITestOutputHelper? output,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var child = new ChildProcess(process, output);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Runs to the end; a non-zero exit (or the timeout) fails with the command's output.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, ITestOutputHelper? output,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var list = args.ToList();
        await using var child = Start(fileName, list, workingDirectory, output, environment);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await child._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', list)} ran over {timeout.TotalSeconds:0} s:\n{child.Output}");
        }
        child._process.WaitForExit(); // drains the redirected streams
        if (child._process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', list)} exited {child._process.ExitCode}:\n{child.Output}");
        return child.Output;
    }

    public bool HasExited => _process.HasExited;

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        LineReceived?.Invoke(line);
        try { _output?.WriteLine(line); } catch (InvalidOperationException) { } // the test already ended
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
