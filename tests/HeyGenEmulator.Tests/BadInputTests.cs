using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyGenEmulator.Tests;

/// <summary>Bytes no client library would send, over real sockets: each gets HeyGen's error and a journal entry, never a 500.</summary>
public sealed class BadInputTests(TestEmulator emulator) : IClassFixture<TestEmulator>
{
    [Fact]
    public async Task Invalid_UTF8_inside_a_JSON_string_is_400_400175_and_journaled()
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", TestEmulator.Key);
        byte[] body = [.. "{\"session_id\":\"bad-utf8-"u8, 0xC3, 0x28, 0xFF, .. "\",\"text\":\"hi\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("v1/streaming.task", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal(400175, JsonNode.Parse(text)!["code"]!.GetValue<int>());

        var journal = JsonNode.Parse(await http.GetStringAsync("_emulator/journal"))!.AsArray();
        var entry = journal.Last(e => e!["path"]!.GetValue<string>() == "/v1/streaming.task")!;
        Assert.Equal(400, entry["status"]!.GetValue<int>());
        Assert.Equal(400175, entry["response"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_non_ASCII_API_key_byte_is_401_400112_not_an_empty_400()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(emulator.BaseUrl.Host, emulator.BaseUrl.Port);
        var stream = tcp.GetStream();
        byte[] request = [.. Encoding.ASCII.GetBytes($"GET /v1/streaming.list HTTP/1.1\r\nHost: {emulator.BaseUrl.Authority}\r\nX-Api-Key: "), 0xE9,
            .. "\r\nConnection: close\r\n\r\n"u8];
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var answer = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 401", answer, StringComparison.Ordinal);
        var json = JsonNode.Parse(answer[answer.IndexOf('{', StringComparison.Ordinal)..(answer.LastIndexOf('}') + 1)])!;
        Assert.Equal(400112, json["code"]!.GetValue<int>());
        Assert.Equal("Unauthorized", json["message"]!.GetValue<string>());
    }
}
