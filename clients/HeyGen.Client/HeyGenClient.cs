using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGen.Client;

/// <summary>How a call authenticates.</summary>
public enum Auth { SessionTokenElseApiKey, ApiKey, SessionToken, None }

/// <summary>
/// A small client for HeyGen's streaming API (real or emulated). <see cref="SendAsync"/> gives the raw exchange;
/// the typed methods behave like the official SDK: Bearer session token, JSON body, <c>data</c> on success,
/// <see cref="HeyGenApiException"/> otherwise.
/// </summary>
public sealed class HeyGenClient(HttpClient http, Uri baseUrl, string? apiKey) : IDisposable
{
    private readonly bool _ownsHttp;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A client with its own HttpClient (disposed with it); the other constructor leaves a shared one alone.</summary>
    public HeyGenClient(Uri baseUrl, string? apiKey) : this(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, baseUrl, apiKey) => _ownsHttp = true;

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The token from create_token; the typed calls use it as Bearer once set.</summary>
    public string? SessionToken { get; set; }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, Auth auth = Auth.SessionTokenElseApiKey,
        IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path.TrimStart('/')));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        switch (auth)
        {
            case Auth.SessionTokenElseApiKey when SessionToken is not null:
            case Auth.SessionToken:
                if (SessionToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SessionToken);
                break;
            case Auth.SessionTokenElseApiKey:
            case Auth.ApiKey:
                if (apiKey is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
                break;
        }
        if (headers is not null)
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse((int)response.StatusCode, text, responseHeaders);
    }

    /// <summary>streaming.create_token with the API key; remembers the token.</summary>
    public async Task<string> CreateTokenAsync(CancellationToken cancellationToken = default)
    {
        var data = await DataAsync(HttpMethod.Post, "v1/streaming.create_token", null, Auth.ApiKey, cancellationToken);
        SessionToken = data?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("create_token returned no token");
        return SessionToken;
    }

    public async Task<NewSessionInfo> NewSessionAsync(NewSessionRequest request, CancellationToken cancellationToken = default)
    {
        var data = await DataAsync(HttpMethod.Post, "v1/streaming.new", JsonSerializer.Serialize(request, Json), Auth.SessionTokenElseApiKey, cancellationToken);
        return data.Deserialize<NewSessionInfo>() ?? throw new InvalidOperationException("streaming.new returned no data");
    }

    public Task StartAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.start", sessionId, cancellationToken);

    public async Task<TaskResult> SpeakAsync(string sessionId, string text, string taskType = "talk", string taskMode = "async", CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["text"] = text, ["session_id"] = sessionId, ["task_mode"] = taskMode, ["task_type"] = taskType };
        var data = await DataAsync(HttpMethod.Post, "v1/streaming.task", body.ToJsonString(), Auth.SessionTokenElseApiKey, cancellationToken);
        return data.Deserialize<TaskResult>() ?? throw new InvalidOperationException("streaming.task returned no data");
    }

    public Task InterruptAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.interrupt", sessionId, cancellationToken);
    public Task KeepAliveAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.keep_alive", sessionId, cancellationToken);
    public Task StartListeningAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.start_listening", sessionId, cancellationToken);
    public Task StopListeningAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.stop_listening", sessionId, cancellationToken);
    public Task StopAsync(string sessionId, CancellationToken cancellationToken = default) => SessionCallAsync("streaming.stop", sessionId, cancellationToken);

    /// <summary>GET /v1/streaming/knowledge_base/list with the API key: this key's knowledge bases.</summary>
    public async Task<IReadOnlyList<KnowledgeBase>> ListKnowledgeBasesAsync(CancellationToken cancellationToken = default)
    {
        var data = await DataAsync(HttpMethod.Get, "v1/streaming/knowledge_base/list", null, Auth.ApiKey, cancellationToken);
        return data?["list"].Deserialize<List<KnowledgeBase>>() ?? throw new InvalidOperationException("knowledge_base/list returned no list");
    }

    /// <summary>POST /v1/streaming/knowledge_base/create with the API key.</summary>
    public Task<KnowledgeBase> CreateKnowledgeBaseAsync(string name, string opening, string prompt, CancellationToken cancellationToken = default) =>
        KnowledgeBaseCallAsync("v1/streaming/knowledge_base/create", new KnowledgeBaseFields(name, opening, prompt), cancellationToken);

    /// <summary>POST /v1/streaming/knowledge_base/{id} with the API key; null fields stay as they are.</summary>
    public Task<KnowledgeBase> UpdateKnowledgeBaseAsync(string id, KnowledgeBaseFields changes, CancellationToken cancellationToken = default) =>
        KnowledgeBaseCallAsync($"v1/streaming/knowledge_base/{Uri.EscapeDataString(id)}", changes, cancellationToken);

    /// <summary>POST /v1/streaming/knowledge_base/{id}/delete with the API key.</summary>
    public async Task DeleteKnowledgeBaseAsync(string id, CancellationToken cancellationToken = default) =>
        await DataAsync(HttpMethod.Post, $"v1/streaming/knowledge_base/{Uri.EscapeDataString(id)}/delete", "{}", Auth.ApiKey, cancellationToken);

    /// <summary>GET /v2/voices with the API key: <c>data.voices</c>.</summary>
    public async Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken = default)
    {
        var data = await DataAsync(HttpMethod.Get, "v2/voices", null, Auth.ApiKey, cancellationToken);
        return data?["voices"].Deserialize<List<VoiceInfo>>() ?? throw new InvalidOperationException("v2/voices returned no voices");
    }

    private async Task<KnowledgeBase> KnowledgeBaseCallAsync(string path, KnowledgeBaseFields fields, CancellationToken cancellationToken)
    {
        var data = await DataAsync(HttpMethod.Post, path, JsonSerializer.Serialize(fields, Json), Auth.ApiKey, cancellationToken);
        return data.Deserialize<KnowledgeBase>() ?? throw new InvalidOperationException($"{path} returned no knowledge base");
    }

    /// <summary>The SDK's createStartAvatar without the media: create_token (if needed), streaming.new, streaming.start.</summary>
    public async Task<NewSessionInfo> CreateStartAvatarAsync(NewSessionRequest request, CancellationToken cancellationToken = default)
    {
        if (SessionToken is null) await CreateTokenAsync(cancellationToken);
        var info = await NewSessionAsync(request, cancellationToken);
        await StartAsync(info.SessionId, cancellationToken);
        return info;
    }

    private async Task SessionCallAsync(string endpoint, string sessionId, CancellationToken cancellationToken) =>
        await DataAsync(HttpMethod.Post, $"v1/{endpoint}", new JsonObject { ["session_id"] = sessionId }.ToJsonString(), Auth.SessionTokenElseApiKey, cancellationToken);

    private async Task<JsonNode?> DataAsync(HttpMethod method, string path, string? body, Auth auth, CancellationToken cancellationToken)
    {
        var response = await SendAsync(method, path, body, auth, cancellationToken: cancellationToken);
        if (!response.IsSuccess) throw new HeyGenApiException(response.Status, response.Body);
        return response.Data;
    }

    public void Dispose()
    {
        if (_ownsHttp) http.Dispose();
    }
}
