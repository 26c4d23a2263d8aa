using System.Text.Json;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Api;

/// <summary>
/// One client message of the realtime socket (heygen-realtime.md §3): a JSON object with <c>type</c>, an
/// <c>event_id</c> (any string; missing, null or a number tolerated) and, for audio commands, <c>audio</c> = base64 of
/// PCM s16le 24 kHz mono. <see cref="Read"/> refuses what is no such object with a 400175 message the socket sends
/// back as an <c>error</c> event.
/// </summary>
public sealed record RealtimeCommand(string Type, string? EventId, byte[] Audio)
{
    public const string Speak = "agent.speak";
    public const string SpeakEnd = "agent.speak_end";
    public const string Interrupt = "agent.interrupt";
    public const string StartListening = "agent.start_listening";
    public const string StopListening = "agent.stop_listening";
    /// <summary>D-RT0's example JSON spells stop this way (a doc typo): accepted as an alias.</summary>
    public const string EndListening = "agent.end_listening";
    public const string KeepAlive = "session.keep_alive";
    public const string BufferAppend = "agent.audio_buffer_append";
    public const string BufferCommit = "agent.audio_buffer_commit";
    public const string BufferClear = "agent.audio_buffer_clear";
    /// <summary>Sent by one LiveAvatar client before each utterance (format fields only): accepted and ignored.</summary>
    public const string Start = "start";

    public static IReadOnlyList<string> Known { get; } =
        [Speak, SpeakEnd, Interrupt, StartListening, StopListening, EndListening, KeepAlive, BufferAppend, BufferCommit, BufferClear, Start];

    /// <summary>The event id of a message that is at least a JSON object, for the error event's <c>error.event_id</c>.</summary>
    public static string? EventIdOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event_id", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Reads one text message; <paramref name="eventId"/> is set as soon as it is known, for the error event.</summary>
    public static RealtimeCommand Read(ReadOnlyMemory<byte> utf8, out string? eventId)
    {
        eventId = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw Invalid($"the message is not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid($"the message must be a JSON object (got {root.ValueKind.ToString().ToLowerInvariant()})");
            eventId = EventIdOf(root);
            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                throw Invalid("type is required and must be a string");
            var type = typeElement.GetString()!;
            if (!Known.Contains(type)) throw Invalid($"unknown message type '{(type.Length > 64 ? type[..64] + "…" : type)}'");
            return new RealtimeCommand(type, eventId, ReadAudio(root));
        }
    }

    private static byte[] ReadAudio(JsonElement root)
    {
        if (!root.TryGetProperty("audio", out var audio) || audio.ValueKind == JsonValueKind.Null) return [];
        if (audio.ValueKind != JsonValueKind.String) throw Invalid("audio must be a base64 string");
        try
        {
            return audio.GetBytesFromBase64();
        }
        catch (FormatException)
        {
            throw Invalid("audio is not valid base64");
        }
    }

    private static HeyGenException Invalid(string detail) => HeyGenErrors.InvalidParameter(detail).ToException();
}
