namespace HeyGenEmulator.Conformance;

public static class Program
{
    public static Task<int> Main(string[] args) => Cli.KitCommand.RunAsync(args);
}
