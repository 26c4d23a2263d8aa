using System.Text.Json.Serialization;

namespace HeyGenEmulator.Sessions;

/// <summary>One line of <c>GET /v1/sessions/{id}/transcript</c>'s <c>transcript_data</c> (OAS).</summary>
public sealed record TranscriptLine(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("transcript")] string Transcript,
    [property: JsonPropertyName("absolute_timestamp")] long AbsoluteTimestamp,
    [property: JsonPropertyName("relative_timestamp")] long RelativeTimestamp);

/// <summary>What the user and the avatar said in one session, in order; the last <see cref="MaxLines"/> lines.</summary>
public sealed class LiveAvatarTranscript(DateTimeOffset startedAt)
{
    public const int MaxLines = 500;
    private readonly Queue<TranscriptLine> _lines = new();

    public void Add(string role, string text, DateTimeOffset at)
    {
        lock (_lines)
        {
            if (_lines.Count >= MaxLines) _lines.Dequeue();
            _lines.Enqueue(new TranscriptLine(role, text, at.ToUnixTimeSeconds(), (long)Math.Max(0, (at - startedAt).TotalSeconds)));
        }
    }

    /// <summary>Lines from <paramref name="from"/> to <paramref name="to"/> (unix seconds, inclusive) when given.</summary>
    public IReadOnlyList<TranscriptLine> Lines(long? from = null, long? to = null)
    {
        lock (_lines)
            return [.. _lines.Where(l => (from is null || l.AbsoluteTimestamp >= from) && (to is null || l.AbsoluteTimestamp <= to))];
    }
}
