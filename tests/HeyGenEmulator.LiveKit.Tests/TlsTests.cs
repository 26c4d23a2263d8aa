using System.Net.Security;
using System.Net.WebSockets;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>Emulator:Tls: the chat socket over wss with the generated (cached) local certificate.</summary>
public sealed class TlsTests(TlsEmulator emu) : IClassFixture<TlsEmulator>
{
    [Fact]
    public async Task Chat_socket_is_served_over_wss_with_the_cached_local_certificate()
    {
        var https = emu.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        Assert.True(File.Exists(TlsEmulator.CertPath));
        Assert.True(File.Exists(Path.ChangeExtension(TlsEmulator.CertPath, ".crt")));
        var session = await emu.NewSessionAsync();
        var owner = emu.Services.GetRequiredService<ApiKeyRegistry>().Find(LiveKitEmulator.Key)!;
        var token = emu.Services.GetRequiredService<TokenStore>().Issue(owner, DateTimeOffset.UtcNow).Value;
        using var ws = new ClientWebSocket();
        string? subject = null;
        ws.Options.RemoteCertificateValidationCallback = (_, cert, _, errors) => { subject = cert?.Subject; return true; };
        await ws.ConnectAsync(new Uri(https.Replace("https://", "wss://") + $"/v1/ws/streaming.chat?session_id={session.Id}&session_token={Uri.EscapeDataString(token)}"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, ws.State);
        Assert.Contains("HeyGen Emulator", subject);
    }
}
