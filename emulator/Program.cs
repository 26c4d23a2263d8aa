using HeyGenEmulator;
using HeyGenEmulator.Streaming;

WebApplication app;
try
{
    app = EmulatorApp.Build(args);
}
catch (MediaToolMissingException e)
{
    // A setup problem with a known fix: say it plainly, no stack trace.
    Console.Error.WriteLine($"HeyGen Emulator cannot start: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
