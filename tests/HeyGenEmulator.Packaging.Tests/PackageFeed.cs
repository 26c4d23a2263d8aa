using System.Globalization;

namespace HeyGenEmulator.Packaging.Tests;

/// <summary>
/// The packages, packed once for the test class into a temporary folder feed, under a version of their own (so NuGet's
/// global cache can never hand back an older pack), with a NuGet.config that lists the feed beside this machine's
/// own sources. Disposing deletes the feed and that version from the global package cache.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public static readonly string[] PackedProjects = ["emulator", "testing/HeyGenEmulator.Testing", "clients/HeyGen.Client", "conformance"];
    public static readonly string[] PackageIds = ["HeyGenEmulator", "HeyGenEmulator.Testing", "HeyGenEmulator.Client", "HeyGenEmulator.Conformance"];

    public string Root { get; } = Directory.CreateTempSubdirectory("heygen-packaging-").FullName;
    public string Feed => Path.Combine(Root, "feed");
    public string Version { get; } = "0.1.0-packtest" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string Dotnet { get; } = FindDotnet();
    public TimeSpan PackTime { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        await File.WriteAllTextAsync(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="heygen-emulator-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var started = DateTime.UtcNow;
        // One at a time: the tool and the test package share the clip bundle the pack writes. No build: this project
        // references the packed ones, so their Release outputs are there and current (and a parallel test run that
        // uses them never sees them rebuilt).
        foreach (var project in PackedProjects)
            await ChildProcess.RunAsync(Dotnet, ["pack", project, "-c", "Release", "--no-build", "-o", Feed, $"-p:PackageVersion={Version}",
                "-nodeReuse:false", "-v", "quiet", "-clp:ErrorsOnly"], RepositoryRoot, null, TimeSpan.FromMinutes(4));
        PackTime = DateTime.UtcNow - started;
    }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public Task DisposeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            TryDelete(Path.Combine(cache, id.ToLowerInvariant(), Version));
            if (Directory.Exists(Path.Combine(cache, id.ToLowerInvariant())) && !Directory.EnumerateFileSystemEntries(Path.Combine(cache, id.ToLowerInvariant())).Any())
                TryDelete(Path.Combine(cache, id.ToLowerInvariant()));
        }
        TryDelete(Root);
        return Task.CompletedTask;
    }

    private static void TryDelete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HeyGenEmulator.sln"))) return dir.FullName;
        throw new InvalidOperationException("HeyGenEmulator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The dotnet running these tests (its real path: DOTNET_ROOT for the tool's apphost is its folder).</summary>
    private static string FindDotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host))
            host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
    }
}
