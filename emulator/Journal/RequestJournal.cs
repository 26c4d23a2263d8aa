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
    [property: JsonPropertyName("request")] JournalBody? RequestBody,
    [property: JsonPropertyName("response")] JournalBody? ResponseBody,
    [property: JsonPropertyName("kind")] string Kind = "http")
{
    /// <summary>Present only when the request body was cut: its size as received.</summary>
    [JsonPropertyName("request_original_bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RequestOriginalBytes => RequestBody is { Truncated: true } b ? b.OriginalBytes : null;

    [JsonPropertyName("response_original_bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ResponseOriginalBytes => ResponseBody is { Truncated: true } b ? b.OriginalBytes : null;

    /// <summary>The request body as JSON, parsed on demand (for in-process readers such as tests).</summary>
    [JsonIgnore] public JsonNode? Request => RequestBody?.Node();

    [JsonIgnore] public JsonNode? Response => ResponseBody?.Node();

    /// <summary>Roughly what this entry holds in memory, for the journal's byte budget.</summary>
    internal long RetainedBytes => 256 + (Path.Length + Method.Length + Kind.Length + (SessionId?.Length ?? 0) + (ApiKey?.Length ?? 0)) * 2L
        + (RequestBody?.RetainedBytes ?? 0) + (ResponseBody?.RetainedBytes ?? 0);
}

/// <summary>
/// Every API call, in order, with secrets masked: what users read to see what happened and what tests assert on.
/// Bounded by entry count and by bytes held (bodies are already cut by <see cref="SecretMasker"/>), oldest dropped first.
/// </summary>
public sealed class RequestJournal(int capacity, long maxBytes)
{
    private readonly Queue<(JournalEntry Entry, long Bytes)> _entries = new();
    private readonly Lock _gate = new();
    private long _bytes;
    private long _nextId;

    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>After every entry and every clear (outside the lock): the dashboard's change feed listens.</summary>
    public event Action? Changed;

    /// <summary>How many times the journal was cleared: a poller holding entries knows they are gone.</summary>
    public long Clears => Interlocked.Read(ref _clears);
    private long _clears;

    /// <summary>What the kept entries hold, roughly, in bytes.</summary>
    public long RetainedBytes
    {
        get { lock (_gate) return _bytes; }
    }

    public void Add(JournalEntry entry)
    {
        var bytes = entry.RetainedBytes;
        lock (_gate)
        {
            _entries.Enqueue((entry, bytes));
            _bytes += bytes;
            while (_entries.Count > 1 && (_entries.Count > capacity || _bytes > maxBytes))
                _bytes -= _entries.Dequeue().Bytes;
        }
        Changed?.Invoke();
    }

    public IReadOnlyList<JournalEntry> Snapshot(string? sessionId = null)
    {
        lock (_gate) return _entries.Select(e => e.Entry).Where(e => sessionId is null || e.SessionId == sessionId).ToList();
    }

    /// <summary>
    /// The newest <paramref name="limit"/> entries after id <paramref name="since"/> (of a session, when given): what a
    /// poller that has seen up to <paramref name="since"/> still lacks, without copying the whole journal each time.
    /// </summary>
    public IReadOnlyList<JournalEntry> Since(long since, int limit, string? sessionId = null)
    {
        lock (_gate)
        {
            // One walk forward (a queue has no backward walk; LINQ's Reverse copied the whole journal on every poll): the
            // matching entries after the last one the poller already has (an id up to `since`), of which the last `limit`.
            var newer = new List<JournalEntry>();
            foreach (var (entry, _) in _entries)
                if (entry.Id <= since) newer.Clear();
                else if (sessionId is null || entry.SessionId == sessionId) newer.Add(entry);
            return newer.Count > limit ? newer.GetRange(newer.Count - limit, limit) : newer;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _bytes = 0;
        }
        Interlocked.Increment(ref _clears);
        Changed?.Invoke();
    }
}
