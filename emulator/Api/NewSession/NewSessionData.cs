using System.Text.Json.Serialization;

namespace HeyGenEmulator.Api;

public sealed record SessionDescriptionWire(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sdp")] string Sdp);

public sealed record IceServer(
    [property: JsonPropertyName("urls")] string[] Urls,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("credential")] string? Credential,
    [property: JsonPropertyName("credentialType")] string? CredentialType);

/// <summary>streaming.new's <c>data</c> (heygen-wire.md §4.2): v1 carries the SDP offer, v2 the LiveKit URL and tokens.</summary>
public sealed record NewSessionData(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("sdp")] SessionDescriptionWire? Sdp,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("ice_servers")] IceServer[]? IceServers,
    [property: JsonPropertyName("ice_servers2")] IceServer[]? IceServers2,
    [property: JsonPropertyName("is_paid")] bool IsPaid,
    [property: JsonPropertyName("session_duration_limit")] int SessionDurationLimit,
    [property: JsonPropertyName("realtime_endpoint")] string RealtimeEndpoint,
    [property: JsonPropertyName("livekit_agent_token")] string? LivekitAgentToken);
