namespace HeyGenEmulator.Conformance.Cli;

public static class KitCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
