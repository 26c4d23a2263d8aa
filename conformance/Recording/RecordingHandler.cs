using System.Diagnostics;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>
/// Records each exchange of one HTTP client of a scenario run (<see cref="ScenarioRecording.Handler"/>). The response
/// is buffered so the client still reads it whole; a request that gets no answer is recorded with the error, then rethrown.
/// </summary>
internal sealed class RecordingHandler(ScenarioRecording recording, string role) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.UtcNow;
        var requestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            recording.Exchange(role, request, requestBody, null, null, time, Stopwatch.GetElapsedTime(started), $"{e.GetType().Name}: {e.Message}");
            throw;
        }
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        recording.Exchange(role, request, requestBody, response, responseBody, time, Stopwatch.GetElapsedTime(started), null);
        return response;
    }
}
