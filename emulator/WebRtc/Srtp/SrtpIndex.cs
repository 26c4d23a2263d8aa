namespace HeyGenEmulator.WebRtc.Srtp;

/// <summary>Packet index arithmetic of RFC 3711 §3.3.1: index = 2^16 · ROC + SEQ.</summary>
internal static class SrtpIndex
{
    /// <summary>
    /// Guesses the index of a packet with sequence number <paramref name="seq"/> given the highest index seen so
    /// far (ROC and s_l). Returns a negative number when the guess would need ROC - 1 with ROC = 0.
    /// </summary>
    public static long Estimate(long highestIndex, ushort seq)
    {
        long roc = highestIndex >> 16;
        int sl = (int)(highestIndex & 0xFFFF);
        long v;
        if (sl < 32768)
            v = seq - sl > 32768 ? roc - 1 : roc;
        else
            v = sl - 32768 > seq ? roc + 1 : roc;
        return v < 0 ? -1 : (v << 16) | seq;
    }
}
