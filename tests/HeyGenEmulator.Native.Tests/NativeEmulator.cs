using System.Text.Json.Nodes;
using HeyGenEmulator.Catalogue;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Media.Preparation;
using HeyGenEmulator.Media.Speech;
using HeyGenEmulator.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace HeyGenEmulator.Native.Tests;

/// <summary>
/// The emulator with its media engine on a real loopback port, for clients that are not browsers: LiveKit's native
/// SDK and plain WebSocket clients, run as Node processes by <see cref="NodeScript"/>.
/// </summary>
public sealed class NativeEmulator : IAsyncLifetime
{
    public const string ApiKey = "native-test-key";
    private EmulatorHost? _host;

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add($"{ApiKey}:paid");
            o.Settings["Emulator:LiveKit:LeaveCloseDelayMs"] = "20";
        });
        BaseUrl = _host.Url.TrimEnd('/');
        // Clips in memory first, so a test measures the connection and not ffmpeg's first encode.
        var library = Services.GetRequiredService<AvatarMediaLibrary>();
        var avatar = Services.GetRequiredService<AvatarCatalogue>().Resolve(null);
        await Task.WhenAll(library.GetAsync(avatar, AvatarQuality.Low, VideoCodec.Vp8), library.GetAsync(avatar, AvatarQuality.Medium, VideoCodec.Vp8));
        // The latency tests measure a running emulator: the Opus encoder's JIT warm-up, which the host starts in the
        // background, has finished (a client connecting within a second of start-up met first-tier code: 300-770 ms).
        await PcmOpusEncoder.WarmUpAsync();
    }

    /// <summary><c>GET /_emulator/journal?session_id=</c>: what the emulator recorded for one session.</summary>
    public async Task<JsonArray> JournalAsync(string sessionId)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync($"{BaseUrl}/_emulator/journal?session_id={Uri.EscapeDataString(sessionId)}"))!.AsArray();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeEmulator>
{
    public const string Name = "native emulator";
}
