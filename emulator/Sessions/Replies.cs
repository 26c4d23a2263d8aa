namespace HeyGenEmulator.Sessions;

/// <summary>
/// No LLM stands behind the emulator: "repeat" speaks the text itself; "talk" and "chat" speak a fixed echo,
/// so tests can predict every word.
/// </summary>
public static class Replies
{
    public const string TalkPrefix = "You said: ";

    public static string SpokenText(TaskType taskType, string text) =>
        taskType == TaskType.Repeat ? text : TalkPrefix + text.Trim();
}
