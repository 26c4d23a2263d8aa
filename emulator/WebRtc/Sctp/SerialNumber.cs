namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>RFC 1982 serial-number comparisons: TSNs wrap at 2^32 and SSNs at 2^16.</summary>
internal static class SerialNumber
{
    public static bool Lt(uint a, uint b) => a != b && (int)(a - b) < 0;
    public static bool Le(uint a, uint b) => a == b || (int)(a - b) < 0;
    public static bool Gt(uint a, uint b) => Lt(b, a);
    public static bool Ge(uint a, uint b) => Le(b, a);
    public static uint Max(uint a, uint b) => Gt(a, b) ? a : b;

    public static bool Lt(ushort a, ushort b) => a != b && (short)(a - b) < 0;
    public static bool Le(ushort a, ushort b) => a == b || (short)(a - b) < 0;

    /// <summary>Orders TSNs near each other; valid while the set spans less than 2^31.</summary>
    public sealed class TsnComparer : IComparer<uint>
    {
        public static readonly TsnComparer Instance = new();
        public int Compare(uint x, uint y) => x == y ? 0 : (int)(x - y) < 0 ? -1 : 1;
    }
}
