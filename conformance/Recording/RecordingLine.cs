using System.Text.Json.Serialization;
using HeyGenEmulator.Journal;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>
/// One line of a recording (<c>heygen-kit run --record</c>, NDJSON): an HTTP exchange a scenario's steps made with the
/// target, or how a scenario ended. Both carry the target and the scenario, so each line stands on its own.
/// Format: docs/ci.md, "Recording a run".
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExchangeLine), "exchange")]
[JsonDerivedType(typeof(ResultLine), "result")]
public abstract record RecordingLine(
    [property: JsonPropertyName("time"), JsonPropertyOrder(-3)] DateTimeOffset Time,
    [property: JsonPropertyName("target"), JsonPropertyOrder(-2)] RecordedTarget Target,
    [property: JsonPropertyName("scenario"), JsonPropertyOrder(-1)] RecordedScenario Scenario);

/// <summary>What the run was against: <c>emulator</c> (started in-process), <c>running-emulator</c> (a URL) or <c>live</c>.</summary>
public sealed record RecordedTarget(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("base_url")] string BaseUrl)
{
    public const string Live = "live";

    /// <summary>The host the behaviour was seen on: what the parity page names, never "live" for an emulator.</summary>
    [JsonIgnore] public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) ? uri.Host : BaseUrl;
}

/// <summary>A scenario run: feature, file, name (an Examples row's included), the name as written, tags, SDK client.</summary>
public sealed record RecordedScenario(
    [property: JsonPropertyName("feature")] string Feature,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("behaviour")] string Behaviour,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("client")] string Client);

/// <summary>
/// One request and its answer, masked like the emulator's journal: bodies through <see cref="SecretMasker"/> (secret
/// fields masked, cut at <see cref="SecretMasker.BodyLimit"/>), secret headers masked, and the target's keys and every
/// credential sent masked wherever they appear. <see cref="Status"/> is null when no answer came (<see cref="Error"/> says why).
/// </summary>
public sealed record ExchangeLine(
    DateTimeOffset Time, RecordedTarget Target, RecordedScenario Scenario,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("request_headers")] IReadOnlyDictionary<string, string> RequestHeaders,
    [property: JsonPropertyName("request")] JournalBody? Request,
    [property: JsonPropertyName("response_headers")] IReadOnlyDictionary<string, string>? ResponseHeaders,
    [property: JsonPropertyName("response")] JournalBody? Response,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
    : RecordingLine(Time, Target, Scenario)
{
    /// <summary>Present only when the body was cut: its full size, as in the journal.</summary>
    [JsonPropertyName("request_original_bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RequestOriginalBytes => Request is { Truncated: true } b ? b.OriginalBytes : null;

    [JsonPropertyName("response_original_bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ResponseOriginalBytes => Response is { Truncated: true } b ? b.OriginalBytes : null;
}

/// <summary>How a scenario run ended: <c>passed</c>, <c>failed</c> or <c>skipped</c>, with the (masked, cut) message of a failure or skip.</summary>
public sealed record ResultLine(
    DateTimeOffset Time, RecordedTarget Target, RecordedScenario Scenario,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
    : RecordingLine(Time, Target, Scenario)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
