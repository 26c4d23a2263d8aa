using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Browser.Tests;

/// <summary>The v1 media hook's validation through the HTTP API (no browser needed).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiMediaTests(BrowserFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string path, object body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl + path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", BrowserFixture.ApiKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task V1_offer_is_ice_lite_on_the_engine_port_and_bad_answers_or_candidates_are_400_without_side_effects()
    {
        var (status, created) = await PostAsync("/v1/streaming.new", new { quality = "low", video_encoding = "H264" });
        Assert.Equal(HttpStatusCode.OK, status);
        var id = created["data"]!["session_id"]!.GetValue<string>();
        var offer = created["data"]!["sdp"]!["sdp"]!.GetValue<string>();
        Assert.Equal("offer", created["data"]!["sdp"]!["type"]!.GetValue<string>());
        Assert.Contains("a=ice-lite", offer);
        Assert.Contains($"127.0.0.1 {fixture.Engine.Port} typ host", offer);
        Assert.Contains("H264/90000", offer);
        Assert.Contains("a=fingerprint:sha-256 " + fixture.Engine.Certificate.Fingerprint, offer);

        (status, var error) = await PostAsync("/v1/streaming.start", new { session_id = id, sdp = new { type = "answer", sdp = "v=0\r\nnonsense" } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400175, error["code"]!.GetValue<int>());
        Assert.StartsWith("Invalid parameter: sdp: ", error["message"]!.GetValue<string>());

        (status, error) = await PostAsync("/v1/streaming.start", new { session_id = id, sdp = new { type = "offer", sdp = offer } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid parameter: sdp", error["message"]!.GetValue<string>()); // rejected by the API before the media hook

        (status, error) = await PostAsync("/v1/streaming.ice", new { session_id = id, candidate = new { candidate = "candidate:1 1 udp", sdpMid = "0", sdpMLineIndex = 0 } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid parameter: candidate: ", error["message"]!.GetValue<string>());
        (status, error) = await PostAsync("/v1/streaming.ice", new { session_id = id, candidate = new { candidate = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid = "7", sdpMLineIndex = 0 } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await PostAsync("/v1/streaming.ice", new { session_id = id, candidate = new { candidate = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0", sdpMid = "0", sdpMLineIndex = 0, usernameFragment = "abcd" } });
        Assert.Equal(HttpStatusCode.OK, status);

        var peer = fixture.App.Services.GetRequiredService<HeyGenEmulator.Streaming.WebRtcSessionMedia>().PeerOf(id);
        Assert.Equal(HeyGenEmulator.WebRtc.Peer.PeerState.New, peer!.State); // nothing was armed
        (status, _) = await PostAsync("/v1/streaming.stop", new { session_id = id });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HeyGenEmulator.WebRtc.Peer.PeerState.Closed, peer.State);
    }

    [Fact]
    public async Task V2_sessions_get_no_offer_and_tasks_report_the_real_speech_length()
    {
        var (status, created) = await PostAsync("/v1/streaming.new", new { quality = "low", version = "v2" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(created["data"]!["sdp"]);
        var id = created["data"]!["session_id"]!.GetValue<string>();
        Assert.Null(fixture.App.Services.GetRequiredService<HeyGenEmulator.Streaming.WebRtcSessionMedia>().PeerOf(id));
        (status, _) = await PostAsync("/v1/streaming.start", new { session_id = id });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, var task) = await PostAsync("/v1/streaming.task", new { session_id = id, text = "One two three four five six seven eight.", task_mode = "async" });
        Assert.Equal(HttpStatusCode.OK, status);
        var ms = task["data"]!["duration_ms"]!.GetValue<double>();
        var audio = await fixture.App.Services.GetRequiredService<HeyGenEmulator.Media.Speech.SpeechSynthesizer>()
            .SynthesizeAsync("One two three four five six seven eight.");
        Assert.Equal(audio.DurationMs, ms);
        await PostAsync("/v1/streaming.stop", new { session_id = id });
    }
}
