using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HeyGenEmulator.Faults;
using HeyGenEmulator.Journal;

namespace HeyGenEmulator.Testing;

/// <summary>
/// The emulator's admin API (<c>/_emulator</c>) over HTTP, typed: works against the in-process emulator and against a
/// running one (the dotnet tool, the container). A failed call throws <see cref="HttpRequestException"/> with the body.
/// </summary>
public sealed class EmulatorAdminClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="baseUrl">The emulator, e.g. http://127.0.0.1:8787/.</param>
    /// <param name="adminToken">Emulator:AdminToken when the emulator has one.</param>
    public EmulatorAdminClient(Uri baseUrl, string? adminToken = null)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl, "_emulator/"), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(adminToken)) _http.DefaultRequestHeaders.Add("X-Emulator-Admin-Token", adminToken);
    }

    /// <summary>Clears sessions, tokens, knowledge bases, faults and the journal; the clock returns to real time.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, "reset", new { }, cancellationToken);

    public Task<EmulatorClockState> GetClockAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EmulatorClockState>("clock", cancellationToken);

    /// <summary>Moves the emulator's clock forward; idle timeouts and duration limits now due fire at once and are listed.</summary>
    public async Task<ClockAdvance> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "clock/advance", new { seconds = by.TotalSeconds }, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ClockAdvance>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the next matching calls fail (or wait); see <see cref="EmulatorFault"/>.</summary>
    public async Task<FaultView> AddFaultAsync(EmulatorFault fault, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, "faults", fault, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<FaultView>(response, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<FaultView>> GetFaultsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<FaultView>>("faults", cancellationToken);

    public Task ClearFaultsAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "faults", null, cancellationToken);

    /// <summary>
    /// Every API call so far, oldest first, secrets masked; only one session's when <paramref name="sessionId"/> is
    /// given. Each entry's <c>Request</c> / <c>Response</c> is its body as JSON.
    /// </summary>
    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string? sessionId = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<JournalEntry>>(sessionId is null ? "journal" : "journal?session_id=" + Uri.EscapeDataString(sessionId), cancellationToken);

    public Task ClearJournalAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "journal", null, cancellationToken);

    /// <summary>Every session (open and closed) with its state, avatar, timestamps and tasks.</summary>
    public Task<IReadOnlyList<EmulatedSession>> GetSessionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<EmulatedSession>>("sessions", cancellationToken);

    /// <summary>Ends a session as if HeyGen's server dropped it; false when it was already closed.</summary>
    public async Task<bool> KillSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, "sessions/" + Uri.EscapeDataString(sessionId), null, cancellationToken).ConfigureAwait(false);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("closed").GetBoolean();
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
        ?? throw new HttpRequestException($"the admin API answered {(int)response.StatusCode} with no body");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture,
            $"{method} /_emulator/{path} answered {(int)response.StatusCode}: {text}"), null, response.StatusCode);
    }
}
