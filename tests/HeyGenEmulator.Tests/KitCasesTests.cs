using HeyGenEmulator.Conformance;
using HeyGenEmulator.Conformance.Clients;

namespace HeyGenEmulator.Tests;

/// <summary>How the kit turns the project's scenarios into test cases per SDK client.</summary>
public sealed class KitCasesTests
{
    private static readonly string[] JsClients = ["js-sdk-2.0.8", "js-sdk-2.1.0"];

    [Fact]
    public void Sdk_scenarios_run_once_per_client_and_sdk_events_ones_are_skipped_for_csharp_with_the_need_named()
    {
        var cases = Kit.AllCases().ToList();
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        foreach (var group in cases.GroupBy(c => c.Scenario))
        {
            var tags = group.Key.Tags;
            var clients = group.Select(c => c.Client).ToList();
            if (!tags.Contains("@sdk"))
            {
                Assert.Equal([KitClients.CSharp], clients);
                Assert.Equal(group.Key.Id, group.Single().Id);
                continue;
            }
            Assert.Equal([KitClients.CSharp, .. JsClients], clients);
            Assert.All(group, c => Assert.Equal($"{group.Key.Id} [client: {c.Client}]", c.Id));
            // A client without what the scenario needs is a skipped case naming the need, never a silent pass.
            Assert.All(group, c => Assert.Equal(tags.Contains("@sdk-events") && c.Client == KitClients.CSharp, c.SkipReason is not null));
        }
    }

    [Theory]
    [InlineData("adapter:http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("adapter:http://127.0.0.1:5000/py/", "http://127.0.0.1:5000/py/")]
    public void An_adapter_client_names_its_url(string client, string url)
    {
        Assert.True(KitClients.IsAdapter(client));
        Assert.Equal(url, KitClients.AdapterUrl(client).ToString());
    }

    [Theory]
    [InlineData("adapter:127.0.0.1:5000")]
    [InlineData("adapter:ftp://127.0.0.1/")]
    [InlineData("adapter:")]
    public void An_adapter_client_without_an_http_url_is_refused(string client) =>
        Assert.Contains("expected adapter:http://127.0.0.1:PORT", Assert.Throws<ArgumentException>(() => KitClients.AdapterUrl(client)).Message);

    [Fact]
    public void Sdk_events_scenarios_are_sdk_scenarios()
    {
        foreach (var scenario in Kit.All.Where(s => s.Tags.Contains("@sdk-events")))
            Assert.True(scenario.Tags.Contains("@sdk"), $"{scenario.FeatureFile}: '{scenario.Name}' is @sdk-events but not @sdk");
    }

    [Fact]
    public void The_seed_000_and_sdk_session_features_run_through_the_JS_SDK()
    {
        var ids = Kit.AllCases().Select(c => c.Id).ToList();
        Assert.Contains(ids, id => id.StartsWith("Seed 000", StringComparison.Ordinal) && id.EndsWith("[client: js-sdk-2.0.8]", StringComparison.Ordinal));
        Assert.Contains("An SDK session end to end: stopAvatar gives stream_disconnected with detail 5 within 1 second [client: js-sdk-2.1.0]", ids);
        var csharp = Kit.Find("An SDK session end to end: stopAvatar gives stream_disconnected with detail 5 within 1 second [client: csharp]");
        Assert.Equal("needs the capability \"events\" (@sdk-events), which the csharp client does not declare", csharp.SkipReason);
    }
}
