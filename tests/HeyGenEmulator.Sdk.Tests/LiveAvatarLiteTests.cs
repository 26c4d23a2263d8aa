namespace HeyGenEmulator.Sdk.Tests;

/// <summary>
/// Issue 12's proof, LITE mode: the token's JWT says <c>mode: LITE</c>, so the SDK skips the participant wait and,
/// after LiveKit, opens <c>ws_url</c> (SDK lib/index.esm.js L943-946); <c>repeatAudio(base64 PCM)</c> goes over it as
/// <c>agent.speak</c> chunks of 19 200 then 48 000 characters plus <c>agent.speak_end</c> (L1343-1356), and the
/// socket's <c>agent.speak_started</c>/<c>_ended</c> come back as the SDK's <c>avatar.speak_*</c> (L1195-1220).
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class LiveAvatarLiteTests(SdkKit kit, ITestOutputHelper output)
{
    public static object LiteBody() => new
    {
        mode = "LITE",
        avatar_id = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a",
        video_settings = new { quality = "low" },
    };

    /// <summary><paramref name="seconds"/> of a 440 Hz tone at half scale, PCM s16le mono 24 kHz, base64 (what a LITE app's TTS gives).</summary>
    public static string TonePcm24k(double seconds)
    {
        var samples = (int)(24_000 * seconds);
        var bytes = new byte[samples * 2];
        for (int i = 0; i < samples; i++)
        {
            var v = (short)(16_000 * Math.Sin(2 * Math.PI * 440 * i / 24_000.0));
            bytes[2 * i] = (byte)v;
            bytes[2 * i + 1] = (byte)(v >> 8);
        }
        return Convert.ToBase64String(bytes);
    }

    [Fact]
    public async Task repeatAudio_over_ws_url_gives_speak_started_and_ended_and_the_avatars_audio_follows_it()
    {
        var (token, sessionId) = await kit.LiveAvatarTokenAsync(LiteBody());
        await using var page = await kit.OpenLiveAvatarAsync();
        var started = (await page.StartAsync(token, kit.EmulatorUrl)).EnsureOk("start");
        Assert.Equal("LITE", started.Value.GetProperty("mode").GetString());
        Assert.Equal("CONNECTED", started.Value.GetProperty("state").GetString());
        Assert.Equal(sessionId, started.Value.GetProperty("sessionId").GetString());
        await page.WaitForEventAsync("session.stream_ready", TimeSpan.FromSeconds(15));
        var participants = (await page.StatsAsync()).GetProperty("participants").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("heygen", participants);

        // Silence first: the idle avatar's audio carries (almost) no energy.
        await Task.Delay(500);
        var idle0 = await LiveAvatarFullTests.EnergyAsync(page);
        await Task.Delay(1000);
        var idle1 = await LiveAvatarFullTests.EnergyAsync(page);

        var from = (await page.EventsAsync()).Count;
        (await page.RepeatAudioAsync(TonePcm24k(2.5))).EnsureOk("repeatAudio");
        var speakStarted = await page.WaitForEventAsync("avatar.speak_started", TimeSpan.FromSeconds(10), from);
        var speakEnded = await page.WaitForEventAsync("avatar.speak_ended", TimeSpan.FromSeconds(15), from);
        await Task.Delay(400); // the jitter buffer's tail
        var spoken = await LiveAvatarFullTests.EnergyAsync(page);
        await Task.Delay(1000);
        var after = await LiveAvatarFullTests.EnergyAsync(page);

        var eventId = speakStarted.Detail.GetProperty("event_id").GetString();
        Assert.False(string.IsNullOrEmpty(eventId));
        // The SDK mints a fresh id for the socket frames (L1340): the events carry that one, the same for both.
        Assert.Equal(eventId, speakEnded.Detail.GetProperty("event_id").GetString());
        var ms = speakEnded.T - speakStarted.T;
        output.WriteLine($"LITE: speak_started → speak_ended {ms:0} ms for 2.5 s of audio; energy idle +{idle1 - idle0:0.0000}/s, speaking +{spoken - idle1:0.000}, after +{after - spoken:0.0000}/s");
        Assert.InRange(ms, 2000, 4500);
        Assert.True(spoken - idle1 > 0.05, $"the pushed audio was not heard (energy {idle1} → {spoken})");
        Assert.True(after - spoken < (spoken - idle1) / 10, $"the avatar kept sounding after speak_ended ({spoken} → {after})");
        Assert.True(idle1 - idle0 < (spoken - idle1) / 10, $"the idle avatar was not silent ({idle0} → {idle1})");

        // repeat()/message() are FULL-only: the SDK refuses them in LITE (L1357-1359).
        var refused = await page.RepeatAsync("hello");
        Assert.False(refused.Ok);
        Assert.Contains("Not permitted in LITE mode", refused.Error!.Message);

        (await page.StopAsync()).EnsureOk("stop");
        var disconnected = await page.WaitForEventAsync("session.disconnected", TimeSpan.FromSeconds(5));
        Assert.Equal("CLIENT_INITIATED", disconnected.Detail.GetString());
    }
}
