using System.Text.Json.Nodes;
using HeyGenEmulator.Journal;
using HeyGenEmulator.Clock;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// Writes LiveKit signalling and chat-socket steps to the request journal with kind <c>livekit</c> (or <c>chat</c>, <c>realtime</c>):
/// <c>request.step</c> names the step (refused, validate, joined, offer, answer, trickle, leave, data, …).
/// Details go through the same masking and cutting as HTTP bodies, so a 1 MiB chat text keeps its first kilobyte.
/// </summary>
public sealed class LiveKitJournal(RequestJournal journal, EmulatorClock clock)
{
    public const string Kind = "livekit";
    public const string ChatKind = "chat";
    public const string RealtimeKind = "realtime";
    public const string LiveAvatarKind = "liveavatar";

    public void Record(string? sessionId, string method, string path, int status, string step, JsonObject? details = null, string kind = Kind)
    {
        // A copy: the entry must not change after it is recorded, whatever the caller does with its object next.
        var request = details?.DeepClone().AsObject() ?? new JsonObject();
        request["step"] = step;
        journal.Add(new JournalEntry(journal.NextId(), clock.GetUtcNow(), method, SecretMasker.MaskQuery(path), status, 0, sessionId, null, false,
            SecretMasker.ForJournal(request), null, kind));
    }
}
