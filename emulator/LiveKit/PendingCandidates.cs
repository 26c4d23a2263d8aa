using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>
/// The client's trickled candidates for one of its peer connections (S4): held until that connection has been answered,
/// then handed over once; after that, none are held.
/// </summary>
internal sealed class PendingCandidates
{
    private readonly object _gate = new();
    private readonly List<IceCandidateInit> _held = [];
    private bool _answered;

    /// <summary>True if the candidate was held (no answer yet); false if the caller should apply it now.</summary>
    public bool HoldUntilAnswered(IceCandidateInit candidate)
    {
        lock (_gate)
        {
            if (_answered) return false;
            _held.Add(candidate);
            return true;
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
