using System.Collections.Concurrent;
using HeyGenEmulator.Conformance.Runner;
using HeyGenEmulator.Conformance.Target;
using HeyGenEmulator.Journal;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>
/// One scenario run's part of the recording: the kit registers it in the scenario container, <c>KitState</c> makes
/// every HTTP client of the run with <see cref="Handler"/>, and the kit ends it with the scenario's result. Does
/// nothing when recording is off.
/// </summary>
public sealed class ScenarioRecording
{
    /// <summary>The most of a response body read for the recording; a larger one keeps its first bytes (the journal's rule).</summary>
    private const int BodyReadLimit = 64 * 1024;

    private readonly RecordingFile? _file;
    private readonly RecordedTarget _target;
    private readonly RecordedScenario _scenario;
    // The target's keys, and every credential a request of this run sent (session tokens, the invalid key): masked wherever they appear.
    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    public ScenarioRecording(KitCase run, KitTarget target, RecordingFile? file)
    {
        _file = file;
        _target = new RecordedTarget(KindName(target.Kind), target.BaseUrl.ToString());
        var s = run.Scenario;
        _scenario = new RecordedScenario(s.FeatureName, s.FeatureFile, s.Name, s.Behaviour, s.Tags, run.Client);
        foreach (var secret in target.Keys.Values.Append(target.AdminToken).Append(target.LiveAvatarKey).OfType<string>()) Learn(secret);
    }

    public static string KindName(TargetKind kind) => kind switch
    {
        TargetKind.Live => RecordedTarget.Live,
        TargetKind.RunningEmulator => "running-emulator",
        _ => "emulator",
    };

    /// <summary>The handler an HTTP client of this run sends through: recording when recording is on, plain otherwise.</summary>
    public HttpMessageHandler Handler(string role) =>
        _file is null ? new SocketsHttpHandler() : new RecordingHandler(this, role) { InnerHandler = new SocketsHttpHandler() };

    internal void Learn(string? secret)
    {
        if (!string.IsNullOrEmpty(secret)) _secrets.TryAdd(secret, 0);
    }

    internal void Exchange(string role, HttpRequestMessage request, byte[]? requestBody, HttpResponseMessage? response, byte[]? responseBody,
        DateTimeOffset time, TimeSpan duration, string? error)
    {
        if (_file is null) return;
        var uri = request.RequestUri!;
        _file.Append(new ExchangeLine(time, _target, _scenario, role, request.Method.Method, uri.GetLeftPart(UriPartial.Authority),
            SecretMasker.MaskQuery(uri.PathAndQuery), response is null ? null : (int)response.StatusCode, Math.Round(duration.TotalMilliseconds, 2),
            RecordedHeaders.Of(request.Headers, request.Content?.Headers, this),
            requestBody is null ? null : SecretMasker.ForJournal(requestBody),
            response is null ? null : RecordedHeaders.Of(response.Headers, response.Content.Headers, this),
            responseBody is null ? null : SecretMasker.ForJournal(responseBody.AsSpan(0, Math.Min(responseBody.Length, BodyReadLimit)), responseBody.Length),
            error is null ? null : SecretMasker.MaskText(error)), _secrets.Keys);
    }

    /// <summary>The run's last line: how it ended, with the failure's or skip's first lines (masked).</summary>
    public void Ended(ScenarioResult result)
    {
        if (_file is null) return;
        var outcome = result.Outcome switch { ScenarioOutcome.Passed => ResultLine.Passed, ScenarioOutcome.Failed => ResultLine.Failed, _ => ResultLine.Skipped };
        var message = result.Message is null ? null : SecretMasker.MaskText(result.Message.Length <= MessageChars ? result.Message : result.Message[..MessageChars] + "…");
        _file.Append(new ResultLine(DateTimeOffset.UtcNow, _target, _scenario, outcome, Math.Round(result.Duration.TotalMilliseconds, 2), message), _secrets.Keys);
    }

    private const int MessageChars = 1000;
}
