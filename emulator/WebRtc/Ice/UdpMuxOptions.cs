using System.Net;

namespace HeyGenEmulator.WebRtc.Ice;

public sealed record UdpMuxOptions
{
    /// <summary>Address to bind. <see cref="IPAddress.IPv6Any"/> binds dual-stack.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>UDP port; 0 picks an ephemeral one (read it back from <see cref="UdpMux.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Kernel receive buffer; bursts of video packets overflow the small default.</summary>
    public int ReceiveBufferBytes { get; init; } = 1 << 20;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TimeSpan ConsentTimeout { get; init; } = IceLiteResponder.DefaultConsentTimeout;
}
