using System.Net;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>A validated binding success response.</summary>
public sealed record IceBindingResponse(byte[] TransactionId, IPEndPoint? MappedAddress);
