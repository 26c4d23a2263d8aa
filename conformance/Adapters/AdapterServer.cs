using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeyGenEmulator.Conformance.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HeyGenEmulator.Conformance.Adapters;

/// <summary>
/// The client adapter protocol (docs/client-adapter.md) served on 127.0.0.1 for one client kind: the kit's own
/// <c>csharp</c> and <c>js-sdk-*</c> clients are adapters like any other. Knows nothing of features or steps: it turns
/// commands into calls of the client's public API and hands back what the client returned, threw and emitted.
/// </summary>
public sealed class AdapterServer : IAsyncDisposable
{
    private const int MaxBodyBytes = 1_000_000;
    /// <summary>Clients alive at once: each JS SDK client is a Chromium page, and a caller that never deletes must not exhaust the machine.</summary>
    public const int MaxClients = 32;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);

    private readonly AdapterDescription _description;
    private readonly AdapterClock _clock = new();
    private readonly ConcurrentDictionary<string, IAdaptedClient> _clients = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _exitAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;
    private int _nextId;

    private AdapterServer(AdapterDescription description, int port)
    {
        _description = description;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/", () => Json(200, Status()));
        _app.MapDelete("/", () =>
        {
            _exitAsked.TrySetResult();
            return Results.NoContent();
        });
        _app.MapPost("/reset", async () =>
        {
            await DisposeAllAsync();
            return Results.NoContent();
        });
        _app.MapPost("/clients", CreateAsync);
        _app.MapPost("/clients/{id}/commands", CommandAsync);
        _app.MapGet("/clients/{id}/events", EventsAsync);
        _app.MapDelete("/clients/{id}", async (string id) =>
        {
            if (_clients.TryRemove(id, out var client)) await DisposeAsync(client);
            return Results.NoContent();
        });
        _app.MapFallback((HttpContext c) => Fault(404, "not-found", $"{c.Request.Method} {c.Request.Path}"));
    }

    /// <summary>The adapter's URL, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Completes on <c>DELETE /</c>: whoever started the adapter as a process then stops it.</summary>
    public Task ExitAsked => _exitAsked.Task;

    /// <summary>Prepares the client (<see cref="AdapterDescription.Prepare"/>), then listens on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static async Task<AdapterServer> StartAsync(AdapterDescription description, int port = 0)
    {
        if (description.Prepare is { } prepare) await prepare();
        var server = new AdapterServer(description, port);
        await server._app.StartAsync();
        server.Url = new Uri(server._app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    private JsonObject Status() => new()
    {
        ["protocol"] = AdapterInfo.ProtocolMajor,
        ["adapter"] = new JsonObject { ["name"] = _description.AdapterName, ["version"] = typeof(AdapterServer).Assembly.GetName().Version?.ToString(3) },
        ["client"] = new JsonObject { ["name"] = _description.ClientName, ["version"] = _description.ClientVersion },
        ["capabilities"] = new JsonArray([.. _description.Capabilities.Select(c => JsonValue.Create(c))]),
    };

    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (body.Fault is { } fault) return fault;
        string id;
        lock (_clients)
        {
            if (_clients.Count >= MaxClients) return Fault(429, "too-many-clients", $"{MaxClients} clients are alive; delete one (DELETE /clients/{{id}}) or POST /reset");
            id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            _clients[id] = _description.Create(_clock);
        }
        return Json(201, new JsonObject { ["id"] = id }, $"/clients/{id}");
    }

    private async Task<IResult> CommandAsync(string id, HttpRequest request)
    {
        if (!_clients.TryGetValue(id, out var client)) return Fault(404, "no-such-client", $"no client {id}");
        var body = await ReadBodyAsync(request);
        if (body.Fault is { } fault) return fault;
        if (body.Json?["command"] is not JsonValue c || !c.TryGetValue<string>(out var command)) return Fault(400, "invalid-argument", "command must be a string");
        if (!_description.Supports(command)) return Fault(501, "unsupported-command", $"{command} is not supported by this adapter");
        var args = body.Json["args"] switch
        {
            null => [],
            JsonObject o => o,
            _ => null,
        };
        if (args is null) return Fault(400, "invalid-argument", "args must be an object");
        var calledAt = _clock.NowMs;
        try
        {
            var outcome = await client.RunAsync(command, new CommandArgs(command, args));
            var reply = new JsonObject { ["ok"] = outcome.Error is null };
            if (outcome.Error is { } e)
                reply["error"] = new JsonObject { ["name"] = e.Name, ["message"] = e.Message, ["status"] = e.Status, ["body"] = e.Body };
            else
                reply["value"] = outcome.Value;
            reply["calledAt"] = outcome.CalledAt ?? calledAt;
            reply["settledAt"] = outcome.SettledAt ?? _clock.NowMs;
            return Json(200, reply);
        }
        catch (AdapterFaultException e)
        {
            return Fault(e.Status, e.Code, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The adapter (driver, browser) failed, not the client: a fault the kit fails the scenario on.
            return Fault(500, "adapter-error", $"{command}: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<IResult> EventsAsync(string id, HttpRequest request)
    {
        if (!_clients.TryGetValue(id, out var client)) return Fault(404, "no-such-client", $"no client {id}");
        if (!TryInt(request.Query["after"], out var after) || after < 0) return Fault(400, "invalid-argument", "after must be a non-negative integer");
        if (!TryInt(request.Query["waitMs"], out var waitMs) || waitMs < 0) return Fault(400, "invalid-argument", "waitMs must be a non-negative integer");
        var wait = TimeSpan.FromMilliseconds(Math.Min(waitMs, MaxWait.TotalMilliseconds));
        try
        {
            var events = await client.EventsAsync(after, wait);
            var list = new JsonArray([.. events.Select((e, i) => (JsonNode)new JsonObject
            {
                ["seq"] = after + i + 1,
                ["t"] = e.T,
                ["name"] = e.Name,
                ["detail"] = e.Detail?.DeepClone(),
            })]);
            return Json(200, new JsonObject { ["events"] = list, ["next"] = after + events.Count });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fault(500, "adapter-error", $"events: {e.GetType().Name}: {e.Message}");
        }
    }

    private static bool TryInt(string? value, out int result)
    {
        result = 0;
        return string.IsNullOrEmpty(value) || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>The request's JSON object (an empty body is <c>{}</c>), or the 400 that says why not.</summary>
    private static async Task<(JsonObject? Json, IResult? Fault)> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            if (string.IsNullOrWhiteSpace(text)) return ([], null);
            return JsonNode.Parse(text) is JsonObject o ? (o, null) : (null, Fault(400, "invalid-argument", "the body must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Fault(400, "invalid-argument", "the body is not JSON: " + e.Message));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Fault(400, "invalid-argument", e.Message));
        }
    }

    private static JsonReply Fault(int status, string code, string message) => Json(status, new JsonObject { ["error"] = code, ["message"] = message });

    /// <summary>A JSON reply with its Content-Length (a stdlib client may read only that).</summary>
    private static JsonReply Json(int status, JsonObject body, string? location = null) => new JsonReply(status, body, location);

    private sealed class JsonReply(int status, JsonObject body, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            if (location is not null) context.Response.Headers.Location = location;
            await context.Response.Body.WriteAsync(bytes);
        }
    }

    private async Task DisposeAllAsync()
    {
        foreach (var id in _clients.Keys.ToList())
            if (_clients.TryRemove(id, out var client)) await DisposeAsync(client);
    }

    /// <summary>Disposes of a client within the protocol's 5 s; one that hangs is left to the garbage collector.</summary>
    private static async Task DisposeAsync(IAdaptedClient client)
    {
        try
        {
            await client.DisposeAsync().AsTask().WaitAsync(DisposeTimeout);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: the kit stops the session on the server itself.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAllAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
