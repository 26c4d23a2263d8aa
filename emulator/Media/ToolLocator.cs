namespace HeyGenEmulator.Media;

/// <summary>Finds a tool: the configured path when there is one (relative to the working directory), else the first match on PATH.</summary>
public static class ToolLocator
{
    /// <returns>The tool's full path, or null when the configured file is absent or nothing on PATH matches.</returns>
    public static string? Find(string? configuredPath, string toolName, string? pathVariable)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            string full = Path.GetFullPath(configuredPath);
            return File.Exists(full) ? full : null;
        }
        foreach (var folder in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, toolName);
            if (File.Exists(candidate) && IsExecutable(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
