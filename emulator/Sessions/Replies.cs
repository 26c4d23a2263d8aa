namespace HeyGenEmulator.Sessions;

/// <summary>
/// No LLM stands behind the emulator: "repeat" speaks the text itself; "talk" and "chat" speak a fixed echo, after
/// the knowledge base's opening line when the session has one, so tests can predict every word.
/// </summary>
public static class Replies
{
    public const string TalkPrefix = "You said: ";

    public static string SpokenText(TaskType taskType, string text, string? opening = null) =>
        taskType == TaskType.Repeat ? text
        : string.IsNullOrWhiteSpace(opening) ? TalkPrefix + text.Trim()
        : opening.Trim() + " " + TalkPrefix + text.Trim();
}
