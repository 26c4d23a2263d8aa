using Xunit;

namespace HeyGenEmulator.WebRtc.Tests;

/// <summary>Waiting on real sockets and threads, where there is no clock to advance.</summary>
internal static class Wait
{
    /// <summary>Polls until the condition holds, or fails naming what did not happen.</summary>
    public static async Task Until(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within {seconds} s: {what}");
            await Task.Delay(10);
        }
    }
}
