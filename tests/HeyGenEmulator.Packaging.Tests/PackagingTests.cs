using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HeyGenEmulator.WebRtc.Testing;
using Xunit.Abstractions;

namespace HeyGenEmulator.Packaging.Tests;

/// <summary>
/// The packages as a stranger gets them: packed into a folder feed, the dotnet tool installed from it and run on a
/// PATH without ffmpeg with an empty clip cache, and HeyGenEmulator.Testing referenced by an xunit project outside
/// the solution.
/// </summary>
public sealed partial class PackagingTests(PackageFeed feed, ITestOutputHelper output) : IClassFixture<PackageFeed>
{
    private const string NotAffiliated = "not affiliated with or endorsed by HeyGen";

    [Fact]
    public void Each_package_says_what_it_is_and_carries_the_default_avatar_clips()
    {
        output.WriteLine($"packed in {feed.PackTime.TotalSeconds:0} s");
        foreach (var id in PackageFeed.PackageIds)
        {
            using var package = ZipFile.OpenRead(feed.Package(id));
            var metadata = Nuspec(package);
            string Field(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value ?? "";
            Assert.Equal((id, feed.Version), (Field("id"), Field("version")));
            Assert.Contains(NotAffiliated, Field("description"), StringComparison.Ordinal);
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.StartsWith("https://", metadata.Element(metadata.Name.Namespace + "repository")?.Attribute("url")?.Value);
            Assert.Contains("heygen", Field("tags"), StringComparison.Ordinal);
            // Internal assemblies travel inside the packages; they are never dependencies of their own.
            Assert.DoesNotContain(metadata.Descendants(metadata.Name.Namespace + "dependency"),
                d => d.Attribute("id")!.Value.StartsWith("HeyGenEmulator", StringComparison.Ordinal));
            output.WriteLine($"{id}: {new FileInfo(feed.Package(id)).Length:N0} bytes, {package.Entries.Count} files");
        }
        using (var tool = ZipFile.OpenRead(feed.Package("HeyGenEmulator")))
        {
            var settings = XDocument.Parse(Read(tool, "tools/net10.0/any/DotnetToolSettings.xml"));
            Assert.Equal("heygen-emulator", settings.Descendants("Command").Single().Attribute("Name")!.Value);
            AssertClips(tool, "tools/net10.0/any/avatar-clips/");
        }
        using (var testing = ZipFile.OpenRead(feed.Package("HeyGenEmulator.Testing")))
        {
            foreach (var dll in new[] { "HeyGenEmulator.Testing", "HeyGenEmulator", "HeyGenEmulator.WebRtc", "HeyGenEmulator.Media" })
                Assert.NotNull(testing.GetEntry($"lib/net10.0/{dll}.dll"));
            Assert.NotNull(testing.GetEntry("buildTransitive/HeyGenEmulator.Testing.targets"));
            AssertClips(testing, "avatar-clips/");
        }
    }

    [Fact]
    public async Task The_installed_tool_streams_the_default_avatar_at_once_without_ffmpeg_or_a_cache()
    {
        string tools = Path.Combine(feed.Root, "tools"), cache = Path.Combine(feed.Root, "empty-cache"), bin = Path.Combine(feed.Root, "bin-without-ffmpeg");
        Directory.CreateDirectory(cache);
        Directory.CreateDirectory(bin);
        // espeak-ng stays reachable if this machine has it; ffmpeg must not be.
        if (File.Exists("/usr/bin/espeak-ng")) File.CreateSymbolicLink(Path.Combine(bin, "espeak-ng"), "/usr/bin/espeak-ng");
        Assert.False(File.Exists(Path.Combine(bin, "ffmpeg")));

        await ChildProcess.RunAsync(PackageFeed.Dotnet, ["tool", "install", "HeyGenEmulator", "--version", feed.Version, "--tool-path", tools,
            "--add-source", feed.Feed], feed.Root, output, TimeSpan.FromMinutes(2));

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var emulator = ChildProcess.Start(Path.Combine(tools, "heygen-emulator"),
            ["--urls", "http://127.0.0.1:0", "--Emulator:Media:UdpPort=0", $"--Emulator:Media:CacheDir={cache}"], feed.Root, output,
            new Dictionary<string, string> { ["PATH"] = bin, ["DOTNET_ROOT"] = Path.GetDirectoryName(PackageFeed.Dotnet)! });
        emulator.LineReceived += line =>
        {
            if (ListeningOn().Match(line) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
        };
        var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "emulator-key");

        var created = await http.PostAsync("v1/streaming.new", JsonContent.Create(new { quality = "low" }));
        var data = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["data"]!;
        var sessionId = data["session_id"]!.GetValue<string>();
        await using var peer = new LightReceivingPeer();
        var answer = peer.CreateAnswer(data["sdp"]!["sdp"]!.GetValue<string>());
        var connect = peer.ConnectAsync(TimeSpan.FromSeconds(30));
        long startTicks = Stopwatch.GetTimestamp();
        var started = await http.PostAsync("v1/streaming.start", JsonContent.Create(new { session_id = sessionId, sdp = new { type = "answer", sdp = answer } }));
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        await connect;
        await Poll.Until(() => peer.VideoFrames > 0, "a video frame", TimeSpan.FromSeconds(10));
        var firstVideo = Stopwatch.GetElapsedTime(startTicks, peer.FirstFrameTicks);
        output.WriteLine($"first video {firstVideo.TotalMilliseconds:0} ms after streaming.start");
        // Not a speed check (bench has those): encoding the clips here would take about a minute, the bundled ones
        // play at once; 8 s tells the two apart even on a loaded 2-core runner (2.2 s was seen under a parallel build).
        Assert.True(firstVideo < TimeSpan.FromSeconds(8), $"first video took {firstVideo.TotalMilliseconds:0} ms: the clips were not the bundled ones");

        // Speech needs ffmpeg: without it a task still runs, silent, timed by its words.
        var task = await http.PostAsync("v1/streaming.task", JsonContent.Create(new { session_id = sessionId, text = "four words of speech", task_mode = "async" }));
        Assert.True(task.IsSuccessStatusCode, await task.Content.ReadAsStringAsync());
        Assert.Equal(1380, JsonNode.Parse(await task.Content.ReadAsStringAsync())!["data"]!["duration_ms"]!.GetValue<int>());

        Assert.Contains(emulator.Lines, l => l.Contains("ready (bundled", StringComparison.Ordinal));
        Assert.Contains(emulator.Lines, l => l.Contains("ffmpeg not found on PATH", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(cache)); // nothing was encoded
        await http.PostAsync("v1/streaming.stop", JsonContent.Create(new { session_id = sessionId }));
    }

    [Fact]
    public async Task The_installed_kit_runs_scenarios_against_its_own_emulator_and_writes_the_reports()
    {
        string tools = Path.Combine(feed.Root, "kit-tools"), work = Path.Combine(feed.Root, "kit-run");
        Directory.CreateDirectory(work);
        await ChildProcess.RunAsync(PackageFeed.Dotnet, ["tool", "install", "HeyGenEmulator.Conformance", "--version", feed.Version,
            "--tool-path", tools, "--add-source", feed.Feed], feed.Root, output, TimeSpan.FromMinutes(3));

        // From an empty folder, as a CI job of another repository runs it: features embedded, emulator in-process.
        await ChildProcess.RunAsync(Path.Combine(tools, "heygen-kit"), ["run", "--target", "emulator", "--clients", "csharp",
            "--tags", "@endpoint:streaming.task and not @sdk-events and not @emulator-only", "--report", "out"], work, output,
            TimeSpan.FromMinutes(4), new Dictionary<string, string> { ["DOTNET_ROOT"] = Path.GetDirectoryName(PackageFeed.Dotnet)! });

        var junit = XDocument.Load(Path.Combine(work, "out", "junit.xml"));
        var cases = junit.Descendants("testcase").ToList();
        Assert.True(cases.Count >= 5, $"{cases.Count} testcases");
        Assert.Empty(junit.Descendants("failure"));
        Assert.All(File.ReadLines(Path.Combine(work, "out", "messages.ndjson")), line => Assert.IsType<JsonObject>(JsonNode.Parse(line)));
        Assert.Contains("<html", File.ReadAllText(Path.Combine(work, "out", "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_test_project_outside_the_solution_passes_with_HeyGenEmulator_Testing()
    {
        string project = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "consumer")))
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        var result = await ChildProcess.RunAsync(PackageFeed.Dotnet, ["test", "-c", "Release", $"-p:HeyGenEmulatorVersion={feed.Version}",
            "-nodeReuse:false", "--logger", "console;verbosity=normal"], project, output, TimeSpan.FromMinutes(4));
        Assert.Matches(@"Total tests: 3\s+Passed: 3\s", result);
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static string Read(ZipArchive package, string path)
    {
        using var reader = new StreamReader((package.GetEntry(path) ?? throw new InvalidOperationException(path + " is not in the package")).Open());
        return reader.ReadToEnd();
    }

    /// <summary>Six clips (3 qualities × VP8/H.264), each file listed with its SHA-256 and present.</summary>
    private void AssertClips(ZipArchive package, string folder)
    {
        var clips = JsonNode.Parse(Read(package, folder + "manifest.json"))!["clips"]!.AsArray();
        Assert.Equal(6, clips.Count);
        long bytes = 0;
        foreach (var file in clips.SelectMany(c => new[] { c!["idle"]!, c!["talking"]! }))
        {
            var entry = package.GetEntry(folder + file["path"]!.GetValue<string>());
            Assert.NotNull(entry);
            Assert.Equal(file["bytes"]!.GetValue<long>(), entry.Length);
            Assert.Matches("^[0-9a-f]{64}$", file["sha256"]!.GetValue<string>());
            bytes += entry.Length;
        }
        output.WriteLine($"{folder}: {clips.Count} clips, {bytes:N0} bytes");
    }

    [GeneratedRegex(@"listening on (http://\S+) ")]
    private static partial Regex ListeningOn();
}
