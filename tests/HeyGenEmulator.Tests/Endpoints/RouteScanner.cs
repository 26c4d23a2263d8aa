using System.Text.RegularExpressions;

namespace HeyGenEmulator.Tests.Endpoints;

/// <summary>One mapped route as the source declares it: verb, full path, and where.</summary>
public sealed record RouteSite(string Endpoint, string Verb, string Path, string File, int Line);

/// <summary>
/// Finds the emulator's routes by reading its source, not by hard-coded locations: the code is being moved around, and
/// the table must follow it. It understands the shapes the emulator uses: <c>x.MapGet("/path", ...)</c> on the app or a
/// route group, helpers taking <c>(RouteGroupBuilder group, string path)</c>, and a path held in a <c>const string</c>.
/// </summary>
public static partial class RouteScanner
{
    public static IReadOnlyList<RouteSite> Scan(string repoRoot)
    {
        var emulator = Path.Combine(repoRoot, "emulator");
        var files = Directory.EnumerateFiles(emulator, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(repoRoot, f).Replace('\\', '/'), File.ReadAllText);
        var all = string.Join("\n", files.Values);

        // One name may be declared in several files (HeyGen's and LiveAvatar's `var v1 = app.MapGroup("/v1")`): the same group.
        var prefixes = GroupVariable().Matches(all).GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["prefix"].Value).Distinct().Single());
        // app.MapGroup("/_emulator").MapAdminEndpoints(): the extension's `this` parameter stands for that group.
        foreach (Match call in GroupExtensionCall().Matches(all))
        foreach (Match definition in ExtensionDefinition(call.Groups["method"].Value).Matches(all))
            prefixes[definition.Groups["receiver"].Value] = call.Groups["prefix"].Value;
        var helpers = HelperDefinition().Matches(all)
            .Select(m => (Name: m.Groups["name"].Value, Verb: HelperVerb(all[m.Index..], m.Groups["group"].Value, m.Groups["path"].Value)))
            .Where(h => h.Verb is not null).ToDictionary(h => h.Name, h => h.Verb!);

        var routes = new List<RouteSite>();
        foreach (var (file, text) in files)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in MapCall().Matches(lines[i]))
                {
                    var path = m.Groups["literal"].Success ? m.Groups["literal"].Value : Constant(files, m.Groups["type"].Value, m.Groups["field"].Value);
                    if (path is null) continue;
                    var verb = m.Groups["verb"].Value switch { "" => "ANY", "Methods" => Methods(lines[i]), var v => v.ToUpperInvariant() };
                    Add(routes, m.Groups["receiver"].Value, verb, path, file, i + 1, prefixes);
                }
                foreach (var (helper, verb) in helpers)
                foreach (Match m in HelperCall(helper).Matches(lines[i]))
                    Add(routes, m.Groups["receiver"].Value, verb, m.Groups["literal"].Value, file, i + 1, prefixes);
            }
        }
        return routes;
    }

    /// <summary>HeyGen's name for a route (streaming.task, streaming.list.v2, ...), or null for pages that are no API.</summary>
    public static string? EndpointOf(string path)
    {
        if (path.StartsWith("/_emulator/", StringComparison.Ordinal)) return "admin";
        if (path == "/rtc" || path.StartsWith("/rtc/", StringComparison.Ordinal)) return "livekit.rtc";
        if (KnowledgeBase().Match(path) is { Success: true } kb)
            return "streaming.knowledge_base." + (kb.Groups["action"].Success ? kb.Groups["action"].Value : kb.Groups["id"].Success ? "update" : "");
        if (path == "/v2/voices") return "voices.v2";
        // The realtime socket at streaming.new's realtime_endpoint, and the older doc's shape of it.
        if (path.StartsWith("/v2-alpha/interactive-avatar/session/", StringComparison.Ordinal) ||
            path.StartsWith("/v1-alpha/realtime/", StringComparison.Ordinal)) return "realtime";
        if (V1Streaming().Match(path) is { Success: true } v1) return "streaming." + v1.Groups["name"].Value;
        if (V2Streaming().Match(path) is { Success: true } v2) return "streaming." + v2.Groups["name"].Value + ".v2";
        // LiveAvatar's API on the same port: liveavatar.sessions.token, liveavatar.sessions.id.transcript, liveavatar.contexts.id, …
        if (LiveAvatar().Match(path) is { Success: true } la)
            return "liveavatar." + Parameter().Replace(la.Groups["rest"].Value, "id").Replace('/', '.');
        return null;
    }

    private static void Add(List<RouteSite> routes, string receiver, string verb, string path, string file, int line, Dictionary<string, string> prefixes)
    {
        var full = prefixes.GetValueOrDefault(receiver, "") + path;
        if (EndpointOf(full) is { } endpoint) routes.Add(new RouteSite(endpoint, verb, full, file, line));
    }

    /// <summary>A <c>const string</c>'s value: a literal, or another type's constant (followed a few steps).</summary>
    private static string? Constant(Dictionary<string, string> files, string type, string field, int depth = 0)
    {
        var match = files.Values.Where(t => Regex.IsMatch(t, $@"\b(class|record|struct)\s+{Regex.Escape(type)}\b"))
            .Select(t => Regex.Match(t, $@"const\s+string\s+{Regex.Escape(field)}\s*=\s*(?:""(?<path>/[^""]*)""|(?<type>\w+)\.(?<field>\w+)\s*;)"))
            .FirstOrDefault(m => m.Success);
        if (match is null) return null;
        if (match.Groups["path"].Success) return match.Groups["path"].Value;
        return depth < 3 ? Constant(files, match.Groups["type"].Value, match.Groups["field"].Value, depth + 1) : null;
    }

    private static string Methods(string line) =>
        MethodList().Match(line) is { Success: true } m ? string.Join(",", m.Groups["verbs"].Value.Split(',').Select(v => v.Trim(' ', '"'))) : "ANY";

    private static string? HelperVerb(string from, string group, string path) =>
        Regex.Match(from, $@"\b{Regex.Escape(group)}\.Map(?<verb>Get|Post|Put|Patch|Delete)\(\s*{Regex.Escape(path)}\b") is { Success: true } m
            ? m.Groups["verb"].Value.ToUpperInvariant() : null;

    private static Regex ExtensionDefinition(string method) =>
        new($@"static\s+void\s+{Regex.Escape(method)}\s*\(\s*this\s+\w+\s+(?<receiver>\w+)");

    /// <summary><c>Helper(group, "/path", …)</c> or, for an extension helper, <c>group.Helper("/path", …)</c>.</summary>
    private static Regex HelperCall(string helper) =>
        new($@"\b(?:{Regex.Escape(helper)}\(\s*(?<receiver>\w+)\s*,|(?<receiver>\w+)\.{Regex.Escape(helper)}\()\s*""(?<literal>/[^""]*)""");

    [GeneratedRegex(@"var\s+(?<name>\w+)\s*=\s*\w+\.MapGroup\(\s*""(?<prefix>/[^""]*)""\s*\)")]
    private static partial Regex GroupVariable();

    [GeneratedRegex(@"\.MapGroup\(\s*""(?<prefix>/[^""]*)""\s*\)\s*\.(?<method>\w+)\(")]
    private static partial Regex GroupExtensionCall();

    [GeneratedRegex(@"static\s+void\s+(?<name>\w+)\s*\(\s*(?:this\s+)?RouteGroupBuilder\s+(?<group>\w+)\s*,\s*string\s+(?<path>\w+)")]
    private static partial Regex HelperDefinition();

    [GeneratedRegex(@"\b(?<receiver>\w+)\.Map(?<verb>Get|Post|Put|Patch|Delete|Methods|)\(\s*(?:""(?<literal>/[^""]*)""|(?<type>\w+)\.(?<field>\w+)\s*,)")]
    private static partial Regex MapCall();

    [GeneratedRegex(@"\[(?<verbs>\s*""[A-Z]+""(?:\s*,\s*""[A-Z]+"")*)\s*\]")]
    private static partial Regex MethodList();

    [GeneratedRegex(@"^/v1/(?:ws/)?streaming[./](?<name>[a-z_.]+)$")]
    private static partial Regex V1Streaming();

    // /v1/streaming/knowledge_base/list, …/create, …/{id} (update), …/{id}/delete.
    [GeneratedRegex(@"^/v1/streaming/knowledge_base/(?:(?<action>list|create)|(?<id>\{\w+\})(?:/(?<action>delete))?)$")]
    private static partial Regex KnowledgeBase();

    [GeneratedRegex(@"^/v1/(?<rest>(?:sessions|avatars|voices|contexts|languages)(?:/[^/]+)*)$")]
    private static partial Regex LiveAvatar();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"^/v2/streaming\.(?<name>[a-z_.]+)$")]
    private static partial Regex V2Streaming();
}
