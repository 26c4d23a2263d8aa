using HeyGenEmulator.Bench;

// dotnet run --project bench -c Release -- [api] [--clients N] [--seconds S]
var mode = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "api";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

switch (mode)
{
    case "api":
        await ApiBench.RunAsync(Option("--clients", 8), TimeSpan.FromSeconds(Option("--seconds", 10)));
        break;
    default:
        Console.Error.WriteLine($"unknown bench '{mode}' (known: api)");
        return 2;
}
return 0;
