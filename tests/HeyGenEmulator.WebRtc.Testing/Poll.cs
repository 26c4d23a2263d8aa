using System.Runtime.CompilerServices;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// Waiting on real sockets, threads, browsers and child processes, where there is no clock to advance. The default
/// timeout is generous because CI machines are loaded; a poll that succeeds returns as soon as it can.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls until the condition holds; throws <see cref="TimeoutException"/> naming what did not happen.</summary>
    public static async Task Until(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "",
        TimeSpan? timeout = null) =>
        await UntilAsync(() => Task.FromResult(condition()), done => done, what, timeout);

    /// <summary>
    /// Reads until <paramref name="done"/> accepts the value, and returns it; on timeout throws
    /// <see cref="TimeoutException"/> with the last value read. A slow <paramref name="read"/> (an HTTP request) may
    /// want a longer <paramref name="interval"/>.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null,
        TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var last = await read();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {limit.TotalSeconds:0.#} s: {what}; last: {last}");
            await Task.Delay(interval ?? DefaultInterval);
            last = await read();
        }
        return last;
    }
}
