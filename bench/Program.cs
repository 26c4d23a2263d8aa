using HeyGenEmulator.Bench;

// dotnet run --project bench -c Release -- [api] [--clients N] [--seconds S]
// dotnet run --project bench -c Release -- media [--sessions 1,10,50,100] [--seconds 20] [--runs 3] [--chromium N] [--quality low] [--codec VP8] [--dashboard]
// dotnet run --project bench -c Release -- sdk [--sessions 60] [--seconds 240]   (needs clients/js-sdk/build.sh's npm and /usr/bin/chromium)
// dotnet run --project bench -c Release -- liveavatar [--sessions 30] [--seconds 180]   (the LiveAvatar web SDK; same needs as sdk)
// dotnet run --project bench -c Release -- soak [--sessions 1000] [--malformed 10000] [--datagrams 100000]
// dotnet run --project bench -c Release -- dtls [--handshakes 200] [--warmup 20]
// dotnet run --project bench -c Release -- pump [--peers 100] [--frame-bytes 1900] [--seconds 20] [--evict-mb 0]   (the pacer's work without the network)
// dotnet run --project bench -c Release -- realtime [--sessions 1,20] [--utterances 5]   (needs clients/livekit-native/install.sh)
// (serve and bare-send: the child processes the media bench starts; not for direct use)
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "api";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
string Text(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

switch (mode)
{
    case "api":
        await ApiBench.RunAsync(Option("--clients", 8), TimeSpan.FromSeconds(Option("--seconds", 10)));
        break;
    case "media":
        return await MediaBench.RunAsync(new MediaBenchOptions
        {
            Sessions = Text("--sessions", "1,10,50,100").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
            Seconds = Option("--seconds", 20),
            Runs = Option("--runs", 3),
            Chromium = Option("--chromium", 0),
            Quality = Text("--quality", "low"),
            Codec = Text("--codec", "VP8"),
            Dashboard = args.Contains("--dashboard"),
        });
    case "sdk":
        await SdkBench.RunAsync(Option("--sessions", 60), TimeSpan.FromSeconds(Option("--seconds", 240)));
        break;
    case "liveavatar":
        await LiveAvatarBench.RunAsync(Option("--sessions", 30), TimeSpan.FromSeconds(Option("--seconds", 180)));
        break;
    case "soak":
        return await SoakBench.RunAsync(Option("--sessions", 1000), Option("--malformed", 10_000), Option("--datagrams", 100_000));
    case "dtls":
        await DtlsBench.RunAsync(Option("--handshakes", 200), Option("--warmup", 20));
        break;
    case "realtime":
        return await RealtimeBench.RunAsync(
            Text("--sessions", "1,20").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(), Option("--utterances", 5));
    case "pump":
        PumpBench.Run(Option("--peers", 100), Option("--frame-bytes", 1900), Option("--seconds", 20), Option("--evict-mb", 0));
        break;
    case "bare-send":
        return await BareSendLoop.RunSenderAsync(args);
    case "serve":
        return await ServeHost.RunAsync(args.SkipWhile(a => a != "serve").Skip(1).ToArray());
    default:
        Console.Error.WriteLine($"unknown bench '{mode}' (known: api, media, pump, sdk, liveavatar, soak, dtls, realtime)");
        return 2;
}
return 0;
