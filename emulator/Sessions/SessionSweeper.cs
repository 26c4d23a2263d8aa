namespace HeyGenEmulator.Sessions;

/// <summary>Applies timeouts on real time too (the clock's Moved event covers advances).</summary>
public sealed class SessionSweeper(SessionManager sessions, ILogger<SessionSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try { sessions.Sweep(); }
                catch (Exception e) { log.LogError(e, "Session sweep failed"); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down (also when the host is disposed without being stopped first).
        }
    }
}
