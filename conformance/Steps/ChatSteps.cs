using System.Text.Json.Nodes;
using HeyGen.Client;
using Reqnroll;
using Xunit;

namespace HeyGenEmulator.Conformance.Steps;

/// <summary>HeyGen's chat socket <c>/v1/ws/streaming.chat</c>, opened for the scenario's session with its token.</summary>
[Binding]
public sealed class ChatSteps(KitState kit)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);
    // A negative can only be checked by waiting: long enough for an event the clock made due to be on the wire.
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(400);

    private HeyGenChatSocket? _socket;

    private HeyGenChatSocket Socket => _socket ?? throw new InvalidOperationException("No chat socket is open: add 'When I open the chat socket with ...'");

    [Given("I open the chat socket with {string}")]
    [When("I open the chat socket with {string}")]
    public async Task Open(string query)
    {
        var token = kit.Values.GetValueOrDefault("token") ?? throw new InvalidOperationException("The scenario has no session token");
        _socket = await HeyGenChatSocket.ConnectAsync(kit.Target.BaseUrl, kit.Values["session_id"], token, kit.Expand(query));
    }

    [Then("the chat socket receives:")]
    public async Task Receives(string json)
    {
        var expected = JsonNode.Parse(kit.Expand(json));
        var actual = await Socket.NextEventAsync(EventTimeout);
        Assert.True(actual is not null, $"no chat event within {EventTimeout.TotalSeconds:0} s; expected {expected!.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected!.ToJsonString()}, got {actual!.ToJsonString()}");
    }

    [Then("the chat socket has received nothing more")]
    public async Task NothingMore()
    {
        var unexpected = await Socket.NextEventAsync(QuietWindow);
        Assert.True(unexpected is null, $"unexpected chat event {unexpected?.ToJsonString()}");
    }

    [AfterScenario]
    public async Task Close()
    {
        if (_socket is not null) await _socket.DisposeAsync();
    }
}
