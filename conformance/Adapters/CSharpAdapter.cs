using System.Text.Json.Nodes;
using HeyGen.Client;

namespace HeyGenEmulator.Conformance.Adapters;

/// <summary>
/// Our C# client (<c>clients/HeyGen.Client</c>) behind the client adapter protocol: createStartAvatar is
/// streaming.new then streaming.start with the session token the kit hands it; its errors are
/// <see cref="HeyGenApiException"/>, which mirrors the SDK's APIError. REST only: it has no media and emits no events.
/// </summary>
public static class CSharpAdapter
{
    public static readonly IReadOnlyList<string> Capabilities = ["rest", "voice-chat"];

    public static AdapterDescription Describe() =>
        new("heygen-kit csharp", "HeyGen.Client (clients/HeyGen.Client)", typeof(HeyGenClient).Assembly.GetName().Version?.ToString(3) ?? "", Capabilities, _ => new Client());

    private sealed class Client : IAdaptedClient
    {
        private HeyGenClient? _client;
        private string? _sessionId;

        public async Task<CommandOutcome> RunAsync(string command, CommandArgs args)
        {
            if (command == "create_start_avatar")
            {
                var baseUrl = new Uri(args.BaseUrl() + "/");
                var (token, apiKey) = args.Credential();
                var request = new NewSessionRequest { AvatarName = args.Required("avatarName"), Quality = args.Optional("quality"), Version = args.Optional("version") ?? "v2" };
                _client?.Dispose();
                _client = new HeyGenClient(baseUrl, apiKey) { SessionToken = token };
                return await CallAsync(async c => new JsonObject { ["sessionId"] = _sessionId = (await c.CreateStartAvatarAsync(request)).SessionId });
            }
            if (_client is null || _sessionId is null) return CommandOutcome.NotStarted();
            var session = _sessionId;
            return command switch
            {
                "speak" => await CallAsync(async c =>
                {
                    var task = await c.SpeakAsync(session, args.Required("text"), args.Optional("taskType") ?? "talk", args.Optional("taskMode") ?? "async");
                    return new JsonObject { ["taskId"] = task.TaskId, ["durationMs"] = task.DurationMs };
                }),
                "interrupt" => await CallAsync(c => c.InterruptAsync(session)),
                "keep_alive" => await CallAsync(c => c.KeepAliveAsync(session)),
                "stop_avatar" => await CallAsync(c => c.StopAsync(session)),
                "start_listening" => await CallAsync(c => c.StartListeningAsync(session)),
                "stop_listening" => await CallAsync(c => c.StopListeningAsync(session)),
                _ => throw new AdapterFaultException(501, "unsupported-command", $"{command} is not supported by this adapter"),
            };
        }

        private Task<CommandOutcome> CallAsync(Func<HeyGenClient, Task> call) => CallAsync(async c =>
        {
            await call(c);
            return null;
        });

        private async Task<CommandOutcome> CallAsync(Func<HeyGenClient, Task<JsonNode?>> call)
        {
            try
            {
                return CommandOutcome.Ok(await call(_client!));
            }
            catch (HeyGenApiException e)
            {
                return CommandOutcome.Failed(new ClientError("APIError", e.Message, e.Status, e.ResponseText));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                // A failure of the client itself (network, a reply it could not read) is a result too.
                return CommandOutcome.Failed(new ClientError(e.GetType().Name, e.Message, null, null));
            }
        }

        public async Task<IReadOnlyList<AdapterEvent>> EventsAsync(int after, TimeSpan wait)
        {
            // This client emits no events: a long poll simply runs out.
            await Task.Delay(wait);
            return [];
        }

        public ValueTask DisposeAsync()
        {
            _client?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
