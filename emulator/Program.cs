using HeyGenEmulator;
using HeyGenEmulator.Admin;
using HeyGenEmulator.Streaming;

WebApplication app;
try
{
    app = EmulatorApp.Build(args);
}
catch (Exception e) when (e is MediaToolMissingException or AdminTokenRequiredException)
{
    // A setup problem with a known fix: say it plainly, no stack trace.
    Console.Error.WriteLine($"HeyGen Emulator cannot start: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
