using System.Text.Json.Nodes;
using HeyGen.Client;
using HeyGen.Client.LiveAvatar;
using HeyGenEmulator.Conformance.Clients;
using HeyGenEmulator.Conformance.Recording;
using HeyGenEmulator.Conformance.Target;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>
/// What one scenario knows: the target, the SDK client this run drives, an HTTP client per key, the last response,
/// the sessions it opened. Every HTTP client it makes goes through <see cref="Http"/>, so the run's recording (when
/// on) sees each exchange of the steps and hooks.
/// </summary>
public sealed class KitState : IDisposable
{
    private readonly Dictionary<string, HeyGenClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LiveAvatarClient> _liveAvatarClients = new(StringComparer.Ordinal);
    private readonly List<HttpClient> _http = [];
    private readonly ScenarioRecording _recording;

    /// <param name="target">Started before the scenario (<see cref="Kit.RunAsync"/> awaits it), so no constructor blocks on it.</param>
    public KitState(KitClient sdkClient, KitTarget target, ScenarioRecording recording)
    {
        SdkClient = sdkClient;
        Target = target;
        _recording = recording;
        if (Target.Key("trial") is { } key) Values["trial_key"] = key;
    }

    public KitTarget Target { get; }

    /// <summary>The SDK client of this run (<c>csharp</c> unless the scenario is tagged @sdk): see <see cref="KitClients"/>.</summary>
    public KitClient SdkClient { get; }

    /// <summary>The key role calls use unless a step names another: "trial".</summary>
    public string CurrentRole { get; set; } = "trial";

    public ApiResponse? Last { get; set; }
    /// <summary>How the last SDK call failed, as the SDK reported it; null after a success.</summary>
    public SdkCallError? LastSdkError { get; set; }
    /// <summary>How the last typed C# client call failed (its status and body are then <see cref="Last"/>); null after a success.</summary>
    public HeyGenApiException? LastClientError { get; set; }

    /// <summary>Named values for placeholders in steps: {session_id}, {token}, {task_id}, ...</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>(role, session id) of every session this scenario created, stopped afterwards.</summary>
    public List<(string Role, string SessionId)> Opened { get; } = [];

    public HeyGenClient Client(string? role = null)
    {
        role ??= CurrentRole;
        if (_clients.TryGetValue(role, out var client)) return client;
        var key = role switch
        {
            "invalid" => "not-a-real-key-" + Guid.NewGuid().ToString("N")[..8],
            "none" => null,
            _ => Target.Key(role) ?? throw new InvalidOperationException($"The target has no '{role}' API key"),
        };
        return _clients[role] = new HeyGenClient(Http(role), Target.BaseUrl, key);
    }

    /// <summary>(role, session id) of every LiveAvatar session this scenario created, stopped afterwards.</summary>
    public List<(string Role, string SessionId)> LiveAvatarOpened { get; } = [];

    /// <summary>
    /// A LiveAvatar client by role: "liveavatar" (the target's LiveAvatar key), "heygen" (the HeyGen key, which
    /// LiveAvatar refuses), "invalid", "none"; each keeps the session token of its last token call.
    /// </summary>
    public LiveAvatarClient LiveAvatar(string role = "liveavatar")
    {
        if (_liveAvatarClients.TryGetValue(role, out var client)) return client;
        var key = role switch
        {
            "liveavatar" => Target.LiveAvatarKey ?? throw new InvalidOperationException("The target has no LiveAvatar API key"),
            "heygen" => Target.Key("trial"),
            "invalid" => "not-a-real-key-" + Guid.NewGuid().ToString("N")[..8],
            "none" => null,
            _ => throw new InvalidOperationException($"No LiveAvatar key role '{role}'"),
        };
        return _liveAvatarClients[role] = new LiveAvatarClient(Http("liveavatar:" + role), Target.LiveAvatarBaseUrl, key);
    }

    public HeyGenClient Admin => AdminClient();

    private HeyGenClient AdminClient()
    {
        if (!Target.IsEmulator) throw new InvalidOperationException("This step needs the emulator's admin API");
        if (_clients.TryGetValue("(admin)", out var admin)) return admin;
        var http = Http("admin");
        if (Target.AdminToken is not null) http.DefaultRequestHeaders.Add(HeyGenEmulator.Admin.AdminTokenCheck.HeaderName, Target.AdminToken);
        return _clients["(admin)"] = new HeyGenClient(http, Target.BaseUrl, null);
    }

    /// <summary>The one place the kit's HTTP clients are made (disposed with the scenario); <paramref name="role"/> names it in the recording.</summary>
    private HttpClient Http(string role)
    {
        var http = new HttpClient(_recording.Handler(role)) { Timeout = TimeSpan.FromSeconds(60) };
        _http.Add(http);
        return http;
    }

    public string Expand(string text)
    {
        foreach (var (name, value) in Values) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    public ApiResponse Response => Last ?? throw new InvalidOperationException("No request has been made yet");

    public JsonNode? Field(string path) => JsonPath.Select(Response.Json, path);

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
        foreach (var client in _liveAvatarClients.Values) client.Dispose();
        foreach (var http in _http) http.Dispose();
    }
}
