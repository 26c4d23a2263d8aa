using System.Globalization;
using System.Runtime.InteropServices;
using HeyGenEmulator.Conformance.Adapters;

namespace HeyGenEmulator.Conformance.Cli;

/// <summary>
/// <c>heygen-kit adapter &lt;client&gt; [--port N]</c>: a built-in client as a client adapter process of its own, the
/// way a client in another language runs (docs/client-adapter.md): e.g. the JS SDK adapter beside another kit.
/// </summary>
public static class AdapterCommand
{
    public static async Task<int> RunAsync(string client, Options options)
    {
        var description = BuiltInAdapters.Describe(client);
        var port = options.Get("port") is { } p
            ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 65535 ? n : throw new ArgumentException($"--port {p}: expected 0-65535")
            : 0;
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var server = await AdapterServer.StartAsync(description, port);
        try
        {
            Console.WriteLine($"listening on {server.Url.ToString().TrimEnd('/')}");
            await Task.WhenAny(server.ExitAsked, stop.Task);
            return 0;
        }
        finally
        {
            // The clients (pages) first, then the browser they lived in.
            await server.DisposeAsync();
            await JsSdkHost.CloseAsync();
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
