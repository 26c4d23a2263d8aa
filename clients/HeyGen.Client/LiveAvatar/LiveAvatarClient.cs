using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGen.Client.LiveAvatar;

/// <summary>How a LiveAvatar call authenticates: the backend's <c>X-API-KEY</c>, the SDK's Bearer session token, or nothing.</summary>
public enum LiveAvatarAuth { ApiKey, SessionToken, None }

/// <summary>
/// A small client for LiveAvatar's REST API (api.liveavatar.com or the emulator): the backend's token call with the
/// API key, then what the web SDK does with the session token (start, stop, keep-alive: Bearer, no body), and the
/// key's session list, entry and transcript. <see cref="SendAsync"/> gives the raw exchange; the typed methods return
/// <c>data</c> and, like the SDK, throw <see cref="LiveAvatarApiException"/> on a non-2xx answer or a <c>code</c> other
/// than 1000.
/// </summary>
public sealed class LiveAvatarClient(HttpClient http, Uri baseUrl, string? apiKey) : IDisposable
{
    public const int SuccessCode = 1000;
    private readonly bool _ownsHttp;

    /// <summary>A client with its own HttpClient (disposed with it); the other constructor leaves a shared one alone.</summary>
    public LiveAvatarClient(Uri baseUrl, string? apiKey) : this(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, baseUrl, apiKey) => _ownsHttp = true;

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The session token of the last <see cref="CreateSessionTokenAsync"/>; start, stop and keep-alive send it as Bearer.</summary>
    public string? SessionToken { get; set; }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, LiveAvatarAuth auth = LiveAvatarAuth.ApiKey,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path.TrimStart('/')));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (auth == LiveAvatarAuth.ApiKey && apiKey is not null) request.Headers.TryAddWithoutValidation("X-API-KEY", apiKey);
        if (auth == LiveAvatarAuth.SessionToken && SessionToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SessionToken);
        if (headers is not null)
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse((int)response.StatusCode, text, responseHeaders);
    }

    /// <summary><c>POST /v1/sessions/token</c> with the API key (a backend call); remembers the session token.</summary>
    public async Task<LiveAvatarSessionToken> CreateSessionTokenAsync(JsonObject body, CancellationToken cancellationToken = default)
    {
        var data = await DataAsync(HttpMethod.Post, "v1/sessions/token", body.ToJsonString(), LiveAvatarAuth.ApiKey, cancellationToken).ConfigureAwait(false);
        var token = Read<LiveAvatarSessionToken>(data, "sessions/token");
        SessionToken = token.SessionToken;
        return token;
    }

    /// <summary><c>POST /v1/sessions/start</c> as the SDK sends it: Bearer session token, no body.</summary>
    public async Task<LiveAvatarStartInfo> StartAsync(CancellationToken cancellationToken = default) =>
        Read<LiveAvatarStartInfo>(await DataAsync(HttpMethod.Post, "v1/sessions/start", null, LiveAvatarAuth.SessionToken, cancellationToken).ConfigureAwait(false), "sessions/start");

    /// <summary><c>POST /v1/sessions/stop</c> with the session token; harmless when repeated.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        DataAsync(HttpMethod.Post, "v1/sessions/stop", null, LiveAvatarAuth.SessionToken, cancellationToken);

    /// <summary><c>POST /v1/sessions/stop</c> with the API key and <c>{session_id}</c>, as a backend stops a session.</summary>
    public Task StopWithKeyAsync(string sessionId, CancellationToken cancellationToken = default) =>
        DataAsync(HttpMethod.Post, "v1/sessions/stop", new JsonObject { ["session_id"] = sessionId }.ToJsonString(), LiveAvatarAuth.ApiKey, cancellationToken);

    public Task KeepAliveAsync(CancellationToken cancellationToken = default) =>
        DataAsync(HttpMethod.Post, "v1/sessions/keep-alive", null, LiveAvatarAuth.SessionToken, cancellationToken);

    /// <summary><c>GET /v1/sessions?type=active|historic</c>, one page.</summary>
    public async Task<LiveAvatarPage<LiveAvatarSessionEntry>> ListSessionsAsync(string type, int page = 1, int pageSize = 20, CancellationToken cancellationToken = default) =>
        Read<LiveAvatarPage<LiveAvatarSessionEntry>>(await DataAsync(HttpMethod.Get,
            $"v1/sessions?type={Uri.EscapeDataString(type)}&page={page}&page_size={pageSize}", null, LiveAvatarAuth.ApiKey, cancellationToken).ConfigureAwait(false), "sessions");

    public async Task<LiveAvatarSessionEntry> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Read<LiveAvatarSessionEntry>(await DataAsync(HttpMethod.Get, $"v1/sessions/{Uri.EscapeDataString(sessionId)}", null, LiveAvatarAuth.ApiKey, cancellationToken).ConfigureAwait(false), "sessions/{id}");

    public async Task<LiveAvatarTranscript> GetTranscriptAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Read<LiveAvatarTranscript>(await DataAsync(HttpMethod.Get, $"v1/sessions/{Uri.EscapeDataString(sessionId)}/transcript", null, LiveAvatarAuth.ApiKey, cancellationToken).ConfigureAwait(false), "transcript");

    /// <summary>
    /// The payload of a session token, as the web SDK decodes it to learn the mode (<c>start_session_data.mode</c>);
    /// null when the token is not a JWT.
    /// </summary>
    public static JsonObject? TokenPayload(string sessionToken)
    {
        var parts = sessionToken.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private async Task<JsonNode?> DataAsync(HttpMethod method, string path, string? body, LiveAvatarAuth auth, CancellationToken cancellationToken)
    {
        var response = await SendAsync(method, path, body, auth, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess || response.Json?["code"] is not JsonValue code || !code.TryGetValue<int>(out var value) || value != SuccessCode)
            throw new LiveAvatarApiException(response.Status, response.Body);
        return response.Data;
    }

    private static T Read<T>(JsonNode? data, string what) =>
        data.Deserialize<T>() ?? throw new InvalidOperationException($"{what} returned no data");

    public void Dispose()
    {
        if (_ownsHttp) http.Dispose();
    }
}
