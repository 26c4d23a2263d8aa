using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGen.JsSdk;
using HeyGenEmulator.Conformance.Adapters;
using HeyGenEmulator.Conformance.Steps;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>
/// What a client adapter (docs/client-adapter.md) says about itself on <c>GET /</c>: the protocol and its capabilities,
/// read once per adapter URL. The kit waits for the adapter to come up (polling every 100 ms), so a script may start
/// it beside the test run.
/// </summary>
public sealed record AdapterInfo(string Protocol, IReadOnlySet<string> Capabilities)
{
    public const string ProtocolMajor = "heygen-client-adapter/1";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly ConcurrentDictionary<string, Lazy<AdapterInfo>> Known = new(StringComparer.Ordinal);

    /// <summary>The capabilities a scenario's tags need (the closed list is in docs/client-adapter.md).</summary>
    public static readonly IReadOnlyList<(string Tag, string Capability)> Needs =
        [(KitClients.SdkTag, "rest"), (KitClients.EventsTag, "events"), (KitClients.EventsTag, "media")];

    public static AdapterInfo Of(Uri adapter) => Known.GetOrAdd(adapter.ToString(), _ => new(() => Read(adapter))).Value;

    private static AdapterInfo Read(Uri adapter)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                var status = JsonNode.Parse(http.GetStringAsync(adapter).GetAwaiter().GetResult());
                var protocol = status?["protocol"]?.GetValue<string>() ?? "";
                if (protocol != ProtocolMajor)
                    throw new InvalidOperationException($"The adapter at {adapter} speaks '{protocol}'; this kit speaks {ProtocolMajor}");
                var capabilities = status!["capabilities"]?.AsArray().Select(c => c!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                // A run starts from no clients: whatever an earlier, interrupted run left is dropped.
                using var reset = http.PostAsync(new Uri(adapter, "reset"), null).GetAwaiter().GetResult();
                if (!reset.IsSuccessStatusCode) throw new InvalidOperationException($"The adapter at {adapter}: POST /reset gave {(int)reset.StatusCode}");
                return new AdapterInfo(protocol, capabilities);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The first capability these tags need that is not among <paramref name="capabilities"/>, with the tag asking for it.</summary>
    public static (string Tag, string Capability)? Missing(IReadOnlyCollection<string> capabilities, IReadOnlyCollection<string> tags) =>
        Needs.Where(n => tags.Contains(n.Tag, StringComparer.OrdinalIgnoreCase) && !capabilities.Contains(n.Capability, StringComparer.Ordinal))
            .Select(n => ((string, string)?)n).FirstOrDefault();
}

/// <summary>
/// How the kit drives every SDK client, its own included: a client behind the client adapter protocol
/// (docs/client-adapter.md), one adapter client per scenario (<c>POST /clients</c>), every SDK call a command, errors
/// passed on as the client reported them, events read by index, times on the adapter's clock. The kit hands it the
/// target's base URL and a session token from <c>create_token</c> with the scenario's key, as an app's backend does.
/// </summary>
public sealed class AdapterClient : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(500);
    private readonly Uri _client;
    private readonly KitState _kit;
    private readonly string _role;
    private readonly Dictionary<string, double> _marks = new(StringComparer.Ordinal);
    private readonly List<SdkEvent> _events = [];

    private AdapterClient(string name, Uri client, KitState kit)
    {
        Name = name;
        _client = client;
        _kit = kit;
        _role = kit.CurrentRole;
    }

    public string Name { get; }
    /// <summary>The session id the last successful createStartAvatar gave.</summary>
    public string? SessionId { get; private set; }
    /// <summary>The number of events before the last speak call and that call's duration_ms.</summary>
    public (int EventsBefore, double DurationMs) LastSpeak { get; private set; }

    public static async Task<AdapterClient> OpenAsync(KitClient client, KitState kit, string tag)
    {
        var adapter = client.IsAdapter ? KitClients.AdapterUrl(client.Name) : await BuiltInAdapters.UrlAsync(client.Name);
        AdapterInfo.Of(adapter);
        using var response = await PostAsync(new Uri(adapter, "clients"), new JsonObject { ["tag"] = tag });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{client.Name}: POST /clients gave {(int)response.StatusCode} {body}");
        var id = JsonNode.Parse(body)?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"{client.Name}: POST /clients gave no id: {body}");
        return new AdapterClient(client.Name, new Uri(adapter, $"clients/{Uri.EscapeDataString(id)}/"), kit);
    }

    /// <summary><c>createStartAvatar({avatarName, quality})</c> with a fresh session token; the value is the session id.</summary>
    public async Task<SdkOutcome> CreateStartAvatarAsync(string avatarName, string quality)
    {
        var token = await SessionToken.CreateAsync(_kit, _role);
        var reply = await CommandAsync("create_start_avatar", "startCalled", new JsonObject
        {
            ["avatarName"] = avatarName,
            ["quality"] = quality,
            ["version"] = "v2",
            ["baseUrl"] = _kit.Target.BaseUrl.ToString().TrimEnd('/'),
            ["token"] = token,
        });
        if (reply.Ok) SessionId = reply.Value?["sessionId"]?.GetValue<string>();
        return reply.Outcome(v => v?["sessionId"]?.GetValue<string>());
    }

    /// <summary><c>speak({text, taskType})</c>; the value is the REST task id.</summary>
    public async Task<SdkOutcome> SpeakAsync(string text, string taskType)
    {
        var before = (await EventsAsync()).Count;
        var reply = await CommandAsync("speak", "speakCalled", new JsonObject { ["text"] = text, ["taskType"] = taskType });
        if (reply.Ok) LastSpeak = (before, reply.Value?["durationMs"] is JsonValue d && d.TryGetValue<double>(out var ms) ? ms : 0);
        return reply.Outcome(v => v?["taskId"]?.GetValue<string>());
    }

    /// <summary><c>stopAvatar()</c>.</summary>
    public async Task<SdkOutcome> StopAvatarAsync() => (await CommandAsync("stop_avatar", "stopCalled", [])).Outcome(_ => null);

    /// <summary>Every event the client emitted so far, in order (adapter time in ms, detail as JSON).</summary>
    public async Task<IReadOnlyList<SdkEvent>> EventsAsync() => await ReadEventsAsync(TimeSpan.Zero);

    /// <summary>The first event named <paramref name="name"/> at index ≥ <paramref name="after"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<SdkEvent> WaitForEventAsync(string name, TimeSpan timeout, int after = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        var wait = TimeSpan.Zero;
        while (true)
        {
            var events = await ReadEventsAsync(wait);
            if (events.Skip(after).FirstOrDefault(e => e.Name == name) is { } found) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{Name} emitted no {name} within {timeout.TotalSeconds:0} s; events: {string.Join(", ", events.Select(e => e.Name))}");
            wait = left < PollWait ? left : PollWait;
        }
    }

    /// <summary>Adapter times (ms) of the last calls: startCalled, speakCalled, stopCalled.</summary>
    public Task<double?> MarkAsync(string name) => Task.FromResult(_marks.TryGetValue(name, out var t) ? t : (double?)null);

    /// <summary>
    /// Every event from the first (seq 1): those read before, then the new ones (<c>after</c> = the last seq seen),
    /// waiting up to <paramref name="wait"/> for one when there is none.
    /// </summary>
    private async Task<IReadOnlyList<SdkEvent>> ReadEventsAsync(TimeSpan wait)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>(new Uri(_client, $"events?after={_events.Count}&waitMs={(int)wait.TotalMilliseconds}"));
        foreach (var e in page.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("seq").GetInt32() != _events.Count + 1)
                throw new InvalidOperationException($"{Name}: event seq {e.GetProperty("seq")} after {_events.Count} (seq is gap-free from 1)");
            _events.Add(new SdkEvent(e.GetProperty("name").GetString()!, e.GetProperty("t").GetDouble(), e.TryGetProperty("detail", out var d) ? d.Clone() : default));
        }
        return [.. _events];
    }

    /// <summary>A JSON body with its Content-Length (never chunked: a stdlib server such as Python's reads only that).</summary>
    private static Task<HttpResponseMessage> PostAsync(Uri url, JsonObject body) =>
        Http.PostAsync(url, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    private async Task<CommandReply> CommandAsync(string command, string mark, JsonObject args)
    {
        using var response = await PostAsync(new Uri(_client, "commands"), new JsonObject { ["command"] = command, ["args"] = args });
        var text = await response.Content.ReadAsStringAsync();
        // Adapter faults (400, 404, 501, 500) fail the scenario; a client's failure is a 200 with ok:false.
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{Name}: {command} gave {(int)response.StatusCode} {text}");
        var reply = JsonNode.Parse(text)!;
        if (reply["calledAt"] is JsonValue called && called.TryGetValue<double>(out var t)) _marks[mark] = t;
        return new CommandReply(reply);
    }

    private sealed record CommandReply(JsonNode Reply)
    {
        public bool Ok => Reply["ok"]?.GetValue<bool>() == true;
        public JsonNode? Value => Reply["value"];

        public SdkOutcome Outcome(Func<JsonNode?, string?> value)
        {
            if (Ok) return new SdkOutcome(value(Value), null);
            var error = Reply["error"];
            return new SdkOutcome(null, new SdkCallError(
                error?["name"]?.GetValue<string>() ?? "Error",
                error?["message"]?.GetValue<string>() ?? "",
                error?["status"] is JsonValue s && s.TryGetValue<int>(out var status) ? status : null,
                error?["body"] is JsonValue b && b.TryGetValue<string>(out var body) ? body : null));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var response = await Http.DeleteAsync(new Uri(_client.ToString().TrimEnd('/')));
    }
}
