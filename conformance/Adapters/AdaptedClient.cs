using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Conformance.Adapters;

/// <summary>The adapter's monotonic clock (ms since it started): every calledAt, settledAt and event time is on it.</summary>
public sealed class AdapterClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public double NowMs => Math.Round(_since.Elapsed.TotalMilliseconds, 1);
}

/// <summary>A call the client rejected or failed, word for word as the client reported it (never reshaped).</summary>
public sealed record ClientError(string Name, string Message, int? Status, string? Body);

/// <summary>
/// What a command gave: the client's value, or its error. <see cref="CalledAt"/> and <see cref="SettledAt"/> (adapter
/// clock) are set when the client itself timed its call (the JS SDK's page does, on the clock of its events); else
/// the adapter times the whole command.
/// </summary>
public sealed record CommandOutcome(JsonNode? Value, ClientError? Error)
{
    public double? CalledAt { get; init; }
    public double? SettledAt { get; init; }

    public static CommandOutcome Ok(JsonNode? value) => new(value, null);
    public static CommandOutcome Failed(ClientError error) => new(null, error);

    /// <summary>A command before create_start_avatar: the client has no session to act on (a result, as in the reference adapter).</summary>
    public static CommandOutcome NotStarted() => Failed(new ClientError("Error", "create_start_avatar has not been called on this client", null, null));
}

/// <summary>One event the client emitted: its own name and payload, and when (adapter clock).</summary>
public sealed record AdapterEvent(double T, string Name, JsonNode? Detail);

/// <summary>An adapter fault (not a client's error): an HTTP status with the protocol's error code.</summary>
public sealed class AdapterFaultException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static AdapterFaultException InvalidArgument(string message) => new(400, "invalid-argument", message);
}

/// <summary>One client the adapter made for one scenario (<c>POST /clients</c>); disposed of on <c>DELETE</c>.</summary>
public interface IAdaptedClient : IAsyncDisposable
{
    /// <summary>Runs one protocol command (already checked against the declared capabilities) through the client's public API.</summary>
    Task<CommandOutcome> RunAsync(string command, CommandArgs args);

    /// <summary>Every event with index ≥ <paramref name="after"/> (seq = index + 1), waiting up to <paramref name="wait"/> for one when there is none.</summary>
    Task<IReadOnlyList<AdapterEvent>> EventsAsync(int after, TimeSpan wait);
}

/// <summary>What an adapter wraps and can do (<c>GET /</c>), and how it makes a client.</summary>
public sealed record AdapterDescription(
    string AdapterName, string ClientName, string ClientVersion, IReadOnlyList<string> Capabilities, Func<AdapterClock, IAdaptedClient> Create)
{
    /// <summary>Runs before the adapter listens (the JS SDK's bundles and Chromium), so no command waits on it.</summary>
    public Func<Task>? Prepare { get; init; }

    /// <summary>The commands of each capability (docs/client-adapter.md, "Commands").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> CommandsOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["rest"] = ["create_start_avatar", "speak", "interrupt", "keep_alive", "stop_avatar"],
        ["voice-chat"] = ["start_listening", "stop_listening"],
    };

    public bool Supports(string command) => Capabilities.Any(c => CommandsOf.TryGetValue(c, out var commands) && commands.Contains(command));
}

/// <summary>A command's <c>args</c> object, read the way the schema (docs/client-adapter/command.schema.json) says.</summary>
public sealed class CommandArgs(string command, JsonObject args)
{
    public string? Optional(string name) => args[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw AdapterFaultException.InvalidArgument($"{command}: {name} must be a string"),
    };

    public string Required(string name) => Optional(name) ?? throw AdapterFaultException.InvalidArgument($"{command}: {name} is required");

    /// <summary>create_start_avatar's <c>baseUrl</c>: an absolute http(s) URL, no trailing slash.</summary>
    public string BaseUrl() =>
        Required("baseUrl").TrimEnd('/') is var url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? url
            : throw AdapterFaultException.InvalidArgument($"{command}: baseUrl must be an http(s) URL");

    /// <summary>create_start_avatar's credential: the kit's <c>token</c>, or an <c>apiKey</c>.</summary>
    public (string? Token, string? ApiKey) Credential() =>
        (Optional("token"), Optional("apiKey")) is var (token, key) && (token is not null || key is not null)
            ? (token, key)
            : throw AdapterFaultException.InvalidArgument($"{command}: token or apiKey is required");
}
