using HeyGen.JsSdk;

namespace HeyGenEmulator.Conformance.Clients;

/// <summary>An SDK call's failure as the SDK reports it: the message (the SDK's APIError names only the status), status, raw body.</summary>
public sealed record SdkCallError(string Name, string Message, int? Status, string? ResponseText);

/// <summary>What an SDK call gave: a value (session id, task id, …) or the error.</summary>
public sealed record SdkOutcome(string? Value, SdkCallError? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// What the SDK steps drive: the calls an app makes through the official SDK. Every client has these; the
/// events and media of <see cref="ISdkEvents"/> only the JS SDK has.
/// </summary>
public interface ISdkClient : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The session id the last successful createStartAvatar gave.</summary>
    string? SessionId { get; }

    /// <summary><c>createStartAvatar({avatarName, quality})</c> with a fresh session token; the value is the session id.</summary>
    Task<SdkOutcome> CreateStartAvatarAsync(string avatarName, string quality);

    /// <summary><c>speak({text, taskType})</c>; the value is the REST task id.</summary>
    Task<SdkOutcome> SpeakAsync(string text, string taskType);

    /// <summary><c>stopAvatar()</c>.</summary>
    Task<SdkOutcome> StopAvatarAsync();
}

/// <summary>The SDK's events (JS SDK clients only; scenarios that need them are tagged @sdk-events).</summary>
public interface ISdkEvents
{
    /// <summary>Every SDK event so far, in order (page time in ms, detail as JSON).</summary>
    Task<IReadOnlyList<SdkEvent>> EventsAsync();

    /// <summary>The first event named <paramref name="name"/> at index ≥ <paramref name="after"/>, waiting up to <paramref name="timeout"/>.</summary>
    Task<SdkEvent> WaitForEventAsync(string name, TimeSpan timeout, int after = 0);

    /// <summary>Page times (ms) of the last calls: startCalled, stopCalled, …</summary>
    Task<double?> MarkAsync(string name);

    /// <summary>The number of events before the last speak call and that call's duration_ms.</summary>
    (int EventsBefore, double DurationMs) LastSpeak { get; }
}
