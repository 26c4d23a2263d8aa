using System.Net;
using System.Net.Sockets;
using HeyGenEmulator.WebRtc.Peer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Tests;

/// <summary>Nothing listens beyond this machine unless configured to: the HTTP port and the media UDP port alike.</summary>
public sealed class LoopbackDefaultsTests
{
    private static async Task<(WebApplication App, MediaEngine Engine)> StartAsync(params string[] extra)
    {
        // Port 0 for both, so the test never clashes with a running emulator; the addresses are the defaults.
        var app = EmulatorApp.Build(["--Emulator:Media:UdpPort=0", "--Emulator:Media:PrepareAtStartup=false", "--Logging:LogLevel:Default=Warning", .. extra]);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<MediaEngine>());
    }

    [Fact]
    public void The_default_http_address_is_loopback()
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new Uri(EmulatorApp.DefaultUrl).Host)));
    }

    [Fact]
    public async Task Media_binds_loopback_by_default_and_answers_nothing_on_other_interfaces()
    {
        var (app, engine) = await StartAsync("--urls=http://127.0.0.1:0");
        await using var _ = app;
        Assert.Equal(IPAddress.Loopback, engine.Mux.LocalEndPoint.Address);
        // The same port is free on every other interface: nobody else bound it for us.
        foreach (var address in Dns.GetHostAddresses(Dns.GetHostName()).Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)))
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(address, engine.Port));
        }
    }

    [Fact]
    public async Task An_unparsable_bind_address_falls_back_to_loopback_not_to_every_interface()
    {
        var (app, engine) = await StartAsync("--urls=http://127.0.0.1:0", "--Emulator:Media:BindAddress=everywhere");
        await using var _ = app;
        Assert.Equal(IPAddress.Loopback, engine.Mux.LocalEndPoint.Address);
    }

    [Fact]
    public async Task Binding_every_interface_is_an_explicit_choice()
    {
        var (app, engine) = await StartAsync("--urls=http://127.0.0.1:0", "--Emulator:Media:BindAddress=0.0.0.0", "--Emulator:AdminToken=test-admin-token");
        await using var _ = app;
        Assert.Equal(IPAddress.Any, engine.Mux.LocalEndPoint.Address);
    }
}
