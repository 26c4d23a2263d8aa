namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>
/// The last N sent RTP packets (pre-SRTP bytes), indexed by sequence number, to answer NACKs with the original packet.
/// Thread-safe: the sender adds while the RTCP receiver looks up.
/// </summary>
public sealed class RetransmissionHistory
{
    private readonly byte[]?[] _packets;
    private readonly ushort[] _sequenceNumbers;
    private readonly object _gate = new();

    public RetransmissionHistory(int capacity = 512)
    {
        if (capacity is < 1 or > 65536) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        _packets = new byte[capacity][];
        _sequenceNumbers = new ushort[capacity];
    }

    public int Capacity { get; }

    public void Add(ushort sequenceNumber, byte[] packet)
    {
        lock (_gate)
        {
            int slot = sequenceNumber % Capacity;
            _packets[slot] = packet;
            _sequenceNumbers[slot] = sequenceNumber;
        }
    }

    /// <summary>The stored packet for this sequence number, if it has not been overwritten yet.</summary>
    public bool TryGet(ushort sequenceNumber, out byte[] packet)
    {
        lock (_gate)
        {
            int slot = sequenceNumber % Capacity;
            var stored = _packets[slot];
            if (stored is not null && _sequenceNumbers[slot] == sequenceNumber)
            {
                packet = stored;
                return true;
            }
        }
        packet = [];
        return false;
    }

    /// <summary>The stored packets for a NACK's list of lost sequence numbers, in the order asked; missing ones skipped.</summary>
    public IReadOnlyList<byte[]> Lookup(IEnumerable<ushort> sequenceNumbers)
    {
        var found = new List<byte[]>();
        foreach (ushort seq in sequenceNumbers)
            if (TryGet(seq, out var p)) found.Add(p);
        return found;
    }
}
