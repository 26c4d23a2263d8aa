using HeyGenEmulator.Conformance.Parity;

namespace HeyGenEmulator.Conformance.Cli;

/// <summary><c>heygen-kit parity</c>: the parity page of the embedded features (or <c>--features</c>), to a file or stdout.</summary>
public static class ParityCommand
{
    public static int Run(Options options)
    {
        if (options.Get("features") is { } features) Kit.UseFeatures(features);
        var markdown = ParityPage.Build(Kit.All).ToMarkdown();
        if (options.Get("out") is { } path) File.WriteAllText(path, markdown);
        else Console.Write(markdown);
        return 0;
    }
}
