using System.Diagnostics;

namespace HeyGenEmulator.WebRtc.Rtp;

/// <summary>
/// The last N sent RTP packets (pre-SRTP bytes), indexed by sequence number, to answer NACKs with the original packet.
/// With a <see cref="MaxAge"/>, packets older than that are also let go (a NACK for them comes too late to help, and
/// holding them is most of a session's memory: 1024 packets of ~1.2 KB). Packets are copied in, into buffers the
/// history recycles as packets age out or are overwritten, so keeping them allocates nothing in the steady state;
/// lookups hand out copies. Thread-safe: the sender adds while the RTCP receiver looks up.
/// </summary>
public sealed class RetransmissionHistory
{
    private readonly byte[]?[] _packets;
    private readonly int[] _lengths;
    private readonly Stack<byte[]> _free = new();
    private readonly ushort[] _sequenceNumbers;
    private readonly long[] _addedAt;
    private readonly long _maxAgeTicks;
    private readonly object _gate = new();
    private int _cullSlot;

    /// <param name="capacity">At most this many packets (slots are indexed by sequence number modulo capacity).</param>
    /// <param name="maxAge">Packets older than this are dropped when later ones are added; null keeps them until overwritten.</param>
    public RetransmissionHistory(int capacity = 512, TimeSpan? maxAge = null)
    {
        if (capacity is < 1 or > 65536) throw new ArgumentOutOfRangeException(nameof(capacity));
        if (maxAge is { } age && age <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxAge));
        Capacity = capacity;
        MaxAge = maxAge;
        _packets = new byte[capacity][];
        _lengths = new int[capacity];
        _sequenceNumbers = new ushort[capacity];
        _addedAt = new long[capacity];
        _maxAgeTicks = maxAge is { } a ? (long)(a.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    public int Capacity { get; }
    public TimeSpan? MaxAge { get; }

    /// <summary>Packets currently held (for tests and diagnostics; O(capacity)).</summary>
    public int Count
    {
        get { lock (_gate) return _packets.Count(p => p is not null); }
    }

    public void Add(ushort sequenceNumber, ReadOnlySpan<byte> packet) => Add(sequenceNumber, packet, Stopwatch.GetTimestamp());

    /// <summary>Keeps a copy of a packet sent at <paramref name="nowTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Add(ushort sequenceNumber, ReadOnlySpan<byte> packet, long nowTicks)
    {
        lock (_gate)
        {
            int slot = sequenceNumber % Capacity;
            Release(slot);
            var buffer = _free.Count > 0 ? _free.Pop() : null;
            // Sized for a full packet with room for header extensions, so recycled buffers fit whatever comes next.
            if (buffer is null || buffer.Length < packet.Length) buffer = new byte[Math.Max(packet.Length, RtpHeader.FixedSize + RtpDefaults.MaxPayloadSize + 64)];
            packet.CopyTo(buffer);
            _packets[slot] = buffer;
            _lengths[slot] = packet.Length;
            _sequenceNumbers[slot] = sequenceNumber;
            _addedAt[slot] = nowTicks;
            if (_maxAgeTicks == long.MaxValue) return;
            // Sequence numbers are added in order, so the oldest packets sit just after the newest slot: walk from the
            // cull cursor towards the new slot, dropping what has aged out; stop at the first packet still young.
            for (int steps = 0; steps < Capacity && _cullSlot != slot; steps++)
            {
                if (_packets[_cullSlot] is not null)
                {
                    if (nowTicks - _addedAt[_cullSlot] <= _maxAgeTicks) break;
                    Release(_cullSlot);
                }
                _cullSlot = (_cullSlot + 1) % Capacity;
            }
        }
    }

    /// <summary>Frees a slot's buffer for reuse (call under the gate).</summary>
    private void Release(int slot)
    {
        if (_packets[slot] is not { } old) return;
        _packets[slot] = null;
        if (_free.Count < Capacity) _free.Push(old);
    }

    /// <summary>A copy of the stored packet for this sequence number, if it has not been overwritten yet.</summary>
    public bool TryGet(ushort sequenceNumber, out byte[] packet)
    {
        lock (_gate)
        {
            int slot = sequenceNumber % Capacity;
            var stored = _packets[slot];
            if (stored is not null && _sequenceNumbers[slot] == sequenceNumber)
            {
                packet = stored.AsSpan(0, _lengths[slot]).ToArray();
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
