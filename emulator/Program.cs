using HeyGenEmulator;
using HeyGenEmulator.Admin;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Media;
using HeyGenEmulator.Streaming;

WebApplication app;
try
{
    if (args is [PrepareClipsCommand.Name, ..]) return await PrepareClipsCommand.RunAsync(args);
    app = EmulatorApp.Build(args);
}
catch (Exception e) when (e is MediaToolMissingException or AdminTokenRequiredException or MediaToolException)
{
    // A setup problem with a known fix: say it plainly, no stack trace.
    Console.Error.WriteLine($"HeyGen Emulator cannot start: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
