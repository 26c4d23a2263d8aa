using System.Text;
using HeyGen.Client;
using Xunit.Abstractions;

namespace HeyGenEmulator.Tests;

/// <summary>
/// 1,000 random malformed requests against the real emulator on a real port: none may get a 5xx, and a session
/// of another key, aimed at by some of them, must still be usable after.
/// </summary>
public sealed class MalformedRequestFuzzTests(TestEmulator emulator, ITestOutputHelper output) : IClassFixture<TestEmulator>
{
    private static readonly string[] Paths =
    [
        "v1/streaming.create_token", "v1/streaming.new", "v1/streaming.start", "v1/streaming.ice", "v1/streaming.task",
        "v1/streaming.interrupt", "v1/streaming.start_listening", "v1/streaming.stop_listening", "v1/streaming.keep_alive",
        "v1/streaming.stop", "v1/streaming.list", "v2/streaming.list", "v1/streaming/avatar.list", "v1/streaming.", "v1/%00",
        "v2/streaming.list?page=-1&page_size=abc", "v1/streaming.new?x=%ZZ", "_emulator/faults", "_emulator/clock/advance",
        "_emulator/sessions/%20", "v1/streaming.task/../streaming.stop", "v1//streaming.new",
    ];

    private static readonly string[] JsonShapes =
    [
        "", "{", "}", "[]", "null", "true", "42", "\"text\"", "{\"session_id\":", "{\"session_id\":null}", "{\"session_id\":123}",
        "{\"session_id\":[]}", "{\"session_id\":{}}", "{\"text\":{}}", "{\"quality\":1e999}", "{\"activity_idle_timeout\":-1}",
        "{\"activity_idle_timeout\":99999999999999999999}", "{\"voice\":{\"rate\":\"NaN\"}}", "{\"voice\":[{}]}", "{\"sdp\":{\"type\":1}}",
        "{\"candidate\":{\"candidate\":null}}", "{\"candidate\":{\"sdpMLineIndex\":1.5}}", "{\"seconds\":\"x\"}", "{\"seconds\":-1}",
        "{\"status\":99}", "{\"probability\":7}", "{\"avatar_name\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}", "{\"text\":\"\uFFFF\"}",
        "{\"x\":1,\"x\":2}", "\uFEFF{}", "{'single':'quotes'}", "{\"trailing\":1,}",
    ];

    [Fact]
    public async Task A_thousand_malformed_requests_get_no_5xx_and_harm_no_other_session()
    {
        using var victim = emulator.Client(TestEmulator.OtherKey);
        await victim.CreateTokenAsync();
        using var attacker = emulator.Client();
        var attackerToken = await attacker.CreateTokenAsync();
        var session = await victim.CreateStartAvatarAsync(new NewSessionRequest { AvatarName = "Santa_Fireplace_Front_public", Quality = "low" });

        const int seed = 20261122;
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 1000; i++)
        {
            using var request = RandomRequest(random, session.SessionId, attackerToken);
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"request {i} (seed {seed}) {request.Method} {request.RequestUri} got {status}: {body}");
        }
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        // The victim session kept its state and still answers.
        var task = await victim.SpeakAsync(session.SessionId, "still here", "repeat");
        Assert.True(task.DurationMs > 0);
        await victim.StopAsync(session.SessionId);
    }

    private static HttpRequestMessage RandomRequest(Random random, string victimSession, string attackerToken)
    {
        var method = random.Next(10) switch { < 6 => HttpMethod.Post, < 8 => HttpMethod.Get, 8 => HttpMethod.Delete, _ => HttpMethod.Put };
        var path = Paths[random.Next(Paths.Length)];
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            byte[] body = random.Next(4) switch
            {
                0 => RandomBytes(random, random.Next(0, 2048)),
                1 => Encoding.UTF8.GetBytes(Mutate(random, JsonShapes[random.Next(JsonShapes.Length)])),
                2 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 5000))),
                _ => Encoding.UTF8.GetBytes(JsonShapes[random.Next(JsonShapes.Length)]),
            };
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(4) switch
            {
                0 => "application/json",
                1 => "text/plain; charset=bogus",
                2 => "multipart/form-data; boundary=",
                _ => "application/x-www-form-urlencoded",
            });
        }
        switch (random.Next(6))
        {
            case 0: request.Headers.TryAddWithoutValidation("X-Api-Key", TestEmulator.Key); break;
            case 1: request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + attackerToken); break;
            case 2: request.Headers.TryAddWithoutValidation("Authorization", "Bearer"); break;
            case 3: request.Headers.TryAddWithoutValidation("X-API-KEY", new string('k', random.Next(0, 9000))); break;
            case 4: request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(RandomBytes(random, 20))); break;
        }
        // Now and then aim straight at the victim's session with garbage, which must bounce off.
        if (random.Next(8) == 0 && request.Content is not null)
            request.Content = new StringContent($"{{\"session_id\":\"{victimSession}\",\"text\":{random.Next()},\"sdp\":\"x\"}}", Encoding.UTF8, "application/json");
        return request;
    }

    private static string Mutate(Random random, string text)
    {
        if (text.Length == 0) return text;
        var chars = text.ToCharArray();
        for (var n = random.Next(1, 4); n > 0; n--) chars[random.Next(chars.Length)] = (char)random.Next(0x20, 0x7f);
        return new string(chars, 0, random.Next(1, chars.Length + 1));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
