using System.Text.Json.Serialization;
using HeyGenEmulator.Http;
using HeyGenEmulator.Sessions;

namespace HeyGenEmulator.Api;

/// <summary>streaming.task's body (heygen-wire.md §4.5).</summary>
public sealed record TaskRequest(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("task_type")] string? TaskType,
    [property: JsonPropertyName("task_mode")] string? TaskMode)
{
    /// <summary>
    /// <c>session_id</c> (401 400112 when missing), <c>text</c> required and not blank (40001), <c>task_type</c> one of
    /// talk/repeat/chat (default repeat) and <c>task_mode</c> sync/async (default sync: "default is sync",
    /// https://docs.heygen.com/reference/send-task), else 400175; text longer
    /// than <paramref name="maxTextLength"/> (<c>Emulator:MaxTaskTextLength</c>) is 400175 too, before any synthesis.
    /// </summary>
    public static (string SessionId, string Text, Sessions.TaskType Type, Sessions.TaskMode Mode) Read(JsonFields body, int maxTextLength) =>
        (SessionIdField.Read(body),
         LimitedText(body.RequiredText("text"), maxTextLength),
         body.OneOf<Sessions.TaskType>("task_type") ?? Sessions.TaskType.Repeat,
         body.OneOf<Sessions.TaskMode>("task_mode") ?? Sessions.TaskMode.Sync);

    private static string LimitedText(string text, int maxTextLength)
    {
        TaskLimits.RequireLength(text, maxTextLength);
        return text;
    }
}

public sealed record TaskData(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("duration_ms")] double DurationMs);
