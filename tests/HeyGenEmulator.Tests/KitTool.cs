using System.Diagnostics;

namespace HeyGenEmulator.Tests;

/// <summary>The built heygen-kit tool (conformance/, same configuration as these tests), run as a CI job runs it: <c>dotnet heygen-kit.dll …</c>.</summary>
internal static class KitTool
{
    /// <summary>Settings the tool reads from the environment; a run gets only those it is given.</summary>
    private static readonly string[] KitVariables =
        ["HEYGEN_TAGS", "HEYGEN_CLIENTS", "HEYGEN_TARGET", "HEYGEN_BASE_URL", "HEYGEN_EMULATOR_ARGS", "HEYGEN_API_KEY", "HEYGEN_ADMIN_TOKEN", "HEYGEN_RECORD"];

    /// <summary>Exit code, stdout and stderr of one run.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var tool = Path.Combine(RepoRoot(), "conformance", "bin", configuration, "net10.0", "HeyGenEmulator.Conformance.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in KitVariables) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HeyGenEmulator.sln not found above " + AppContext.BaseDirectory);
    }
}
