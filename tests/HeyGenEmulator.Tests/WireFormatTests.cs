using System.Text;
using System.Text.Json.Nodes;
using HeyGenEmulator.Configuration;
using HeyGenEmulator.LiveKit;
using HeyGenEmulator.Sessions;
using Microsoft.Extensions.Options;

namespace HeyGenEmulator.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void Session_ids_are_version_1_uuids_that_never_repeat()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 1000).Select(_ => SessionIds.NewV1(now)).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void A_v1_uuid_encodes_its_time()
    {
        var at = new DateTimeOffset(2025, 4, 14, 12, 0, 0, TimeSpan.Zero);
        var id = SessionIds.NewV1(at.AddYears(10)); // ahead of earlier calls, so its time is used as given
        var hex = id.Replace("-", "");
        var ticks = Convert.ToInt64(hex[13..16] + hex[8..12] + hex[0..8], 16);
        Assert.Equal(at.AddYears(10), new DateTimeOffset(1582, 10, 15, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks));
    }

    [Fact]
    public void Tokens_look_like_heygens_base64_json()
    {
        var store = new TokenStore();
        var token = store.Issue(new ApiKey("k", Plan.Trial), DateTimeOffset.UtcNow);
        Assert.StartsWith("eyJ0b2tlbiI6", token.Value);
        Assert.NotNull(JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.Value)))!["token"]);
        Assert.True(store.TryConsume(token, "s1"));
        Assert.False(store.TryConsume(token, "s2"));
        Assert.Equal("s1", token.SessionId);
    }

    [Fact]
    public void LiveKit_tokens_carry_heygens_claims_and_verify()
    {
        var tokens = new LiveKitTokens(Options.Create(new EmulatorOptions { LiveKit = new LiveKitOptions { ApiKey = "APIkey", ApiSecret = "secret" } }));
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var jwt = tokens.Issue("client", "room-1", now);
        var claims = tokens.Validate(jwt, now)!;
        Assert.Equal("client", claims["sub"]!.GetValue<string>());
        Assert.Equal("APIkey", claims["iss"]!.GetValue<string>());
        Assert.Equal("room-1", claims["video"]!["room"]!.GetValue<string>());
        Assert.True(claims["video"]!["canPublishData"]!.GetValue<bool>());
        Assert.Equal(86_400, claims["exp"]!.GetValue<long>() - claims["nbf"]!.GetValue<long>());
        Assert.Null(tokens.Validate(jwt, now.AddHours(25)));
        Assert.Null(tokens.Validate(jwt[..^2] + "xx", now));
        Assert.Null(tokens.Validate("not.a.jwt", now));
    }

    [Theory]
    [InlineData("abc", "trial")]
    [InlineData("abc:paid", "paid")]
    [InlineData("abc:TRIAL", "trial")]
    [InlineData("a:b:paid", "paid")]
    public void Api_keys_may_name_their_plan(string entry, string plan)
    {
        var key = ApiKeyRegistry.Parse(entry);
        Assert.Equal(plan, key.Plan.ToString().ToLowerInvariant());
        Assert.DoesNotContain(':', key.Value.Replace("a:b", ""));
    }

    [Fact]
    public void Masking_never_shows_a_whole_secret()
    {
        Assert.Equal("emul…(12)", Masking.Mask("emulator-key"));
        Assert.Equal("****(5)", Masking.Mask("short"));
    }
}
