using System.Text.Json.Serialization;

namespace HeyGenEmulator.Http;

// HeyGen's envelopes with their exact JSON names (heygen-wire.md §3); written only by Envelope.

public sealed record SuccessEnvelope<T>(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] T? Data);

/// <summary>The "v2 style" of create_token and HeyGen's /v2 resources: <c>{"error":null,"data":…}</c>.</summary>
public sealed record DataEnvelope<T>(
    [property: JsonPropertyName("error")] object? Error,
    [property: JsonPropertyName("data")] T Data);

public sealed record TokenData([property: JsonPropertyName("token")] string Token);

public sealed record ErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>LiveAvatar's envelope (liveavatar-wire.md §1): success is <c>code: 1000</c>, which the web SDK requires.</summary>
public sealed record LiveAvatarEnvelope<T>(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("data")] T? Data,
    [property: JsonPropertyName("message")] string Message);
