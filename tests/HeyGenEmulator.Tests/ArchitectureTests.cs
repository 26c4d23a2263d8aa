using NetArchTest.Rules;

namespace HeyGenEmulator.Tests;

/// <summary>
/// Data flows one way: request → validation (Api) → session → media (Streaming, LiveKit) → the protocol libraries
/// (WebRtc, Media). Each layer may use only those below it; Admin and Http sit at the edge beside Api, and the root
/// namespace (EmulatorApp) and Hosting wire everything. A using that runs the wrong way fails here.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "HeyGenEmulator";

    /// <summary>What each namespace of the emulator assembly may use, besides itself, the BCL and the protocol assemblies.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Errors"] = [],
        ["Clock"] = [],
        ["Configuration"] = [],
        ["Faults"] = [],
        ["Journal"] = ["Configuration"],
        ["Catalogue"] = ["Configuration", "Errors"],
        ["Streaming"] = ["Catalogue", "Configuration", "Clock"],
        ["LiveKit"] = ["Streaming", "Catalogue", "Configuration", "Clock", "Journal"],
        ["Sessions"] = ["LiveKit", "Streaming", "Catalogue", "Configuration", "Clock", "Errors", "Journal"],
        ["Http"] = ["Sessions", "Errors", "Journal", "Faults", "Configuration", "Clock"],
        ["Api"] = ["Http", "Sessions", "LiveKit", "Streaming", "Catalogue", "Configuration", "Clock", "Errors", "Journal", "Faults"],
        ["Admin"] = ["Http", "Sessions", "LiveKit", "Streaming", "Catalogue", "Configuration", "Clock", "Errors", "Journal", "Faults"],
        // The composition root's front door for tests and tools: it starts the whole app, so it may see all of it.
        ["Hosting"] = ["Api", "Admin", "Http", "Sessions", "LiveKit", "Streaming", "Catalogue", "Configuration", "Clock", "Errors", "Journal", "Faults"],
    };

    public static TheoryData<string> Layers() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_uses_only_the_layers_below_it(string layer)
    {
        var forbidden = Allowed.Keys.Where(other => other != layer && !Allowed[layer].Contains(other)).Select(n => $"{Root}.{n}").ToArray();
        var result = Types.InAssembly(typeof(EmulatorApp).Assembly)
            .That().ResideInNamespace($"{Root}.{layer}")
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"{layer} may use only [{string.Join(", ", Allowed[layer])}]; these types reach further: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_namespace_of_the_emulator_has_a_place_in_the_layers()
    {
        var unplaced = typeof(EmulatorApp).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(ns => ns[(Root.Length + 1)..].Split('.')[0])
            .Distinct()
            .Where(top => !Allowed.ContainsKey(top))
            .ToList();
        Assert.Empty(unplaced);
    }

    [Theory]
    [InlineData(typeof(HeyGenEmulator.WebRtc.Peer.MediaEngine))]
    [InlineData(typeof(HeyGenEmulator.Media.Preparation.AvatarClipPreparer))]
    public void The_protocol_libraries_know_nothing_of_heygen(Type marker)
    {
        var emulatorNamespaces = Allowed.Keys.Select(n => $"{Root}.{n}").ToArray();
        var result = Types.InAssembly(marker.Assembly).ShouldNot().HaveDependencyOnAny(emulatorNamespaces).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
