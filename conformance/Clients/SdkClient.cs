namespace HeyGenEmulator.Conformance.Clients;

/// <summary>An SDK call's failure as the SDK reports it: the message (the SDK's APIError names only the status), status, raw body.</summary>
public sealed record SdkCallError(string Name, string Message, int? Status, string? ResponseText);

/// <summary>What an SDK call gave: a value (session id, task id, …) or the error.</summary>
public sealed record SdkOutcome(string? Value, SdkCallError? Error)
{
    public bool Ok => Error is null;
}
