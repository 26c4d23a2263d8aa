using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HeyGenEmulator.Journal;

public sealed record JournalEntry(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("api_key")] string? ApiKey,
    [property: JsonPropertyName("fault")] bool Fault,
    [property: JsonPropertyName("request")] JsonNode? Request,
    [property: JsonPropertyName("response")] JsonNode? Response,
    [property: JsonPropertyName("kind")] string Kind = "http");

/// <summary>
/// Every API call, in order, with secrets masked: what users read to see what happened and what tests assert on.
/// Bounded, oldest dropped first.
/// </summary>
public sealed class RequestJournal(int capacity)
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private long _nextId;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(JournalEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > capacity && _entries.TryDequeue(out _)) { }
    }

    public IReadOnlyList<JournalEntry> Snapshot(string? sessionId = null) =>
        _entries.Where(e => sessionId is null || e.SessionId == sessionId).ToList();

    public void Clear() => _entries.Clear();
}
