namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>Sliding replay window over packet indices (RFC 3711 §3.3.2), 64 packets wide.</summary>
internal struct SrtpReplayWindow
{
    public const int Width = 64;

    private ulong _mask;   // bit n set = index (Highest - n) already received
    private bool _any;

    public long Highest { get; private set; }

    public readonly bool IsAcceptable(long index)
    {
        if (!_any || index > Highest) return true;
        long delta = Highest - index;
        if (delta >= Width) return false;
        return (_mask & (1UL << (int)delta)) == 0;
    }

    /// <summary>Call only after the packet authenticated, so forged packets cannot move the window.</summary>
    public void Accept(long index)
    {
        if (!_any)
        {
            _any = true;
            Highest = index;
            _mask = 1;
            return;
        }
        if (index > Highest)
        {
            long shift = index - Highest;
            _mask = shift >= Width ? 1UL : (_mask << (int)shift) | 1UL;
            Highest = index;
        }
        else
        {
            long delta = Highest - index;
            if (delta < Width) _mask |= 1UL << (int)delta;
        }
    }
}
