using System.Globalization;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Sessions;

/// <summary>
/// What one task may ask for, whichever way it arrives (streaming.task, the chat socket, LiveKit data): text no longer
/// than <c>Emulator:MaxTaskTextLength</c>, and speech that ends within the session's duration limit. Both are the
/// emulator's choice (HeyGen publishes neither) and answer 400 400175 naming the limit.
/// </summary>
public static class TaskLimits
{
    /// <summary>400 400175 when <paramref name="text"/> (the field <paramref name="field"/>) has more than <paramref name="maxLength"/> characters.</summary>
    public static void RequireLength(string text, int maxLength, string field = "text")
    {
        if (text.Length > maxLength)
            throw HeyGenErrors.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                $"{field} is {text.Length} characters long; the limit is {maxLength}")).ToException();
    }

    /// <summary>
    /// 400 400175 when speech of <paramref name="duration"/> starting at <paramref name="startsAt"/> would still be
    /// playing when the session reaches its duration limit (<paramref name="sessionEnd"/>): the client gets a clear
    /// answer now rather than speech cut off by the session's end.
    /// </summary>
    public static void RequireTimeLeft(DateTimeOffset startsAt, TimeSpan duration, DateTimeOffset sessionEnd, TimeSpan durationLimit)
    {
        if (startsAt < sessionEnd && startsAt + duration <= sessionEnd) return;
        var left = sessionEnd > startsAt ? sessionEnd - startsAt : TimeSpan.Zero;
        throw HeyGenErrors.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
            $"text: its speech ({duration.TotalSeconds:0.#} s) would end after the session's {durationLimit.TotalSeconds:0} s duration limit ({left.TotalSeconds:0.#} s of it left after queued speech)")).ToException();
    }
}
