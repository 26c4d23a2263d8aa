using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeyGenEmulator.Journal;
using HeyGenEmulator.Clock;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Writes LiveKit signalling and chat-socket steps to the request journal with kind <c>livekit</c> (or <c>chat</c>):
/// <c>request.step</c> names the step (refused, validate, joined, offer, answer, trickle, leave, data, …).
/// </summary>
public sealed partial class LiveKitJournal(RequestJournal journal, EmulatorClock clock)
{
    public const string Kind = "livekit";
    public const string ChatKind = "chat";

    public void Record(string? sessionId, string method, string path, int status, string step, JsonObject? details = null, string kind = Kind)
    {
        // A copy: the entry must not change after it is recorded, whatever the caller does with its object next.
        var request = details?.DeepClone().AsObject() ?? new JsonObject();
        request["step"] = step;
        journal.Add(new JournalEntry(journal.NextId(), clock.GetUtcNow(), method, MaskQuery(path), status, 0, sessionId, null, false,
            request, null, kind));
    }

    /// <summary>Keeps the query visible (the version and protocol matter) but hides tokens.</summary>
    public static string MaskQuery(string path) => TokenParam().Replace(path, m => m.Groups[1].Value + "=***");

    [GeneratedRegex("(access_token|session_token|token)=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex TokenParam();
}
