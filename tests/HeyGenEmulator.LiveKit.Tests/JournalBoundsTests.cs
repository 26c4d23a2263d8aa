using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using HeyGenEmulator.Hosting;
using HeyGenEmulator.Journal;
using HeyGenEmulator.LiveKit.Pipecat;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HeyGenEmulator.LiveKit.Tests;

/// <summary>
/// The journal under hostile volume (bounded bytes, not just entries) and what it and the logs give away: tokens in
/// the chat socket's query, API keys, SDP passwords. Each test has its own emulator so that it measures only itself.
/// </summary>
public sealed class JournalBoundsTests(ITestOutputHelper output)
{
    private const string Key = "journal-bounds-secret-key-0123456789";

    private static async Task<(EmulatorHost Host, CapturedLogs Logs)> StartAsync()
    {
        var logs = new CapturedLogs();
        var host = await EmulatorHost.StartAsync(o =>
        {
            o.ApiKeys.Add($"{Key}:paid");
            o.Media = false;
            o.LogLevel = "Information";
            // As shipped (appsettings.json): ASP.NET Core's own request lines are off.
            o.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
            o.BeforeStart = app => app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        });
        return (host, logs);
    }

    private static HttpClient Client(EmulatorHost host)
    {
        var http = new HttpClient { BaseAddress = host.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    private static async Task<string> NewSessionAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("v1/streaming.new", new JsonObject { ["version"] = "v2", ["avatar_name"] = "default" });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return json["data"]!["session_id"]!.GetValue<string>();
    }

    private static async Task<ClientWebSocket> ChatAsync(EmulatorHost host, string sessionId, string token)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"{host.Url.Replace("http://", "ws://")}/v1/ws/streaming.chat?session_id={sessionId}&session_token={Uri.EscapeDataString(token)}&arch_version=v2"),
            CancellationToken.None);
        return ws;
    }

    [Fact]
    public async Task Three_thousand_65_KB_bodies_and_200_one_MiB_chat_frames_keep_the_journal_bounded()
    {
        var (host, _) = await StartAsync();
        await using var _h = host;
        using var http = Client(host);
        var sessionId = await NewSessionAsync(http);
        var journal = host.Services.GetRequiredService<RequestJournal>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        // JSON just under the 64 KB the journal reads (parsed, strings shortened) and just over it (kept as cut text).
        var small = new JsonObject { ["version"] = "v2", ["quality"] = "bogus", ["notes"] = new string('a', 65_000 - 60) }.ToJsonString();
        var large = new JsonObject { ["version"] = "v2", ["quality"] = "bogus", ["notes"] = new string('b', 65 * 1024 + 100) }.ToJsonString();
        var clients = Enumerable.Range(0, 6).Select(_ => Client(host)).ToList();
        await Task.WhenAll(clients.Select((c, n) => Task.Run(async () =>
        {
            for (var i = n; i < 3000; i += clients.Count)
            {
                using var content = new StringContent(i % 2 == 0 ? small : large, Encoding.UTF8, "application/json");
                using var response = await c.PostAsync("v1/streaming.new", content);
                Assert.Equal(400, (int)response.StatusCode);
            }
        })));
        clients.ForEach(c => c.Dispose());
        var httpDone = clock.Elapsed;

        using (var chat = await ChatAsync(host, sessionId, Key))
        {
            // Just under the socket's 1 MiB message cap, with the frame's own bytes.
            var frame = new Frame { Text = new TextFrame { Text = new string('c', 1024 * 1024 - 64) } }.ToByteArray();
            for (var i = 0; i < 200; i++) await chat.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
            await chat.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        await Poll.Until(() => journal.Snapshot(sessionId).Any(e => e.Kind == LiveKitJournal.ChatKind && e.Request?["step"]?.GetValue<string>() == "closed"),
            "chat closed", TimeSpan.FromSeconds(60));
        var closed = journal.Snapshot(sessionId).Last(e => e.Request?["step"]?.GetValue<string>() == "closed");
        Assert.Equal(200, closed.Request!["texts"]!.GetValue<int>());

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        var body = await http.GetByteArrayAsync("_emulator/journal");
        output.WriteLine($"HTTP: {httpDone.TotalSeconds:0.0} s, all: {clock.Elapsed.TotalSeconds:0.0} s; heap grew {grown / 1e6:0.0} MB; " +
            $"journal holds {journal.RetainedBytes / 1e6:0.0} MB, {journal.Snapshot().Count} entries, GET gave {body.Length / 1e6:0.0} MB");
        Assert.True(body.Length < 40_000_000, $"GET /_emulator/journal returned {body.Length} bytes");
        Assert.True(grown < 200_000_000, $"managed heap grew by {grown} bytes");

        // Cut bodies say what they were.
        var entries = JsonNode.Parse(body)!.AsArray();
        var cut = entries.Last(e => e!["path"]!.GetValue<string>() == "/v1/streaming.new" && e["request_original_bytes"] is not null)!;
        Assert.Equal(Encoding.UTF8.GetByteCount(large), cut["request_original_bytes"]!.GetValue<long>());
        Assert.True(cut["request"]!.GetValue<string>().Length <= SecretMasker.BodyLimit);
    }

    [Fact]
    public async Task Chat_tokens_API_keys_and_ice_passwords_appear_in_neither_journal_nor_logs()
    {
        var (host, logs) = await StartAsync();
        await using var _h = host;
        using var http = Client(host);
        var sessionId = await NewSessionAsync(http);
        var tokenResponse = JsonNode.Parse(await (await http.PostAsync("v1/streaming.create_token", null)).Content.ReadAsStringAsync())!;
        var sessionToken = tokenResponse["data"]!["token"]!.GetValue<string>();

        using (var withKey = await ChatAsync(host, sessionId, Key))
            await withKey.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        using (var withToken = await ChatAsync(host, sessionId, sessionToken))
            await withToken.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        const string IcePwd = "IcePasswordThatMustNotLeak0123";
        await http.PostAsJsonAsync("v1/streaming.start", new JsonObject
        {
            ["session_id"] = "no-such-session",
            ["sdp"] = new JsonObject { ["type"] = "answer", ["sdp"] = $"v=0\r\na=ice-ufrag:abcd\r\na=ice-pwd:{IcePwd}\r\n" },
        });
        var journal = host.Services.GetRequiredService<RequestJournal>();
        await Poll.Until(() => journal.Snapshot(sessionId).Count(e => e.Request?["step"]?.GetValue<string>() == "closed") == 2, "both chats closed");

        var text = await http.GetStringAsync("_emulator/journal");
        Assert.Contains("streaming.chat", text, StringComparison.Ordinal);
        Assert.Contains("a=ice-pwd:", text, StringComparison.Ordinal);
        foreach (var secret in new[] { Key, sessionToken, Uri.EscapeDataString(sessionToken), IcePwd })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs.Text, StringComparison.Ordinal);
        }
        Assert.Contains("/v1/streaming.start", logs.Text, StringComparison.Ordinal); // the logs were captured at all
    }
}
