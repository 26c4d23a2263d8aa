using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>What became of a trickled candidate: held for the answer, to apply now, or refused (too many held).</summary>
internal enum CandidateHold { Held, ApplyNow, Refused }

/// <summary>
/// The client's trickled candidates for one of its peer connections (S4): held until that connection has been answered,
/// then handed over once; after that, none are held. At most <see cref="MaxHeld"/> wait: a browser gathers a handful.
/// </summary>
internal sealed class PendingCandidates
{
    public const int MaxHeld = 64;

    private readonly object _gate = new();
    private readonly List<IceCandidateInit> _held = [];
    private bool _answered;

    public CandidateHold Hold(IceCandidateInit candidate)
    {
        lock (_gate)
        {
            if (_answered) return CandidateHold.ApplyNow;
            if (_held.Count >= MaxHeld) return CandidateHold.Refused;
            _held.Add(candidate);
            return CandidateHold.Held;
        }
    }

    /// <summary>The connection is answered: the held candidates, to apply now; later ones are not held.</summary>
    public IceCandidateInit[] Answered()
    {
        lock (_gate)
        {
            _answered = true;
            IceCandidateInit[] held = [.. _held];
            _held.Clear();
            return held;
        }
    }
}
