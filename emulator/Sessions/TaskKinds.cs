namespace HeyGenEmulator.Sessions;

/// <summary>streaming.task's <c>task_type</c>: repeat says the text; talk and chat answer it.</summary>
public enum TaskType
{
    [WireName("talk")] Talk,
    [WireName("repeat")] Repeat,
    [WireName("chat")] Chat,
}

/// <summary>streaming.task's <c>task_mode</c>: sync answers when the speech has ended.</summary>
public enum TaskMode
{
    [WireName("sync")] Sync,
    [WireName("async")] Async,
}
