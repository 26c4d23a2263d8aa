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
    // One struct per slot, not an array per field: adding a packet touches one slot's cache line instead of four, and
    // storing a buffer into a struct field skips the covariance check an object[] store pays (it was 1.3% of the pacer).
    private struct Slot
    {
        public byte[]? Buffer;
        public long AddedAt;
        public int Length;
        public ushort SequenceNumber;
    }

    /// <summary>A recycled buffer; a struct for the same reason as <see cref="Slot"/>.</summary>
    private struct FreeBuffer
    {
        public byte[] Buffer;
    }

    private readonly Slot[] _slots;
    private readonly FreeBuffer[] _free;
    private int _freeCount;
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
        _slots = new Slot[capacity];
        _free = new FreeBuffer[capacity];
        _maxAgeTicks = maxAge is { } a ? (long)(a.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    public int Capacity { get; }
    public TimeSpan? MaxAge { get; }

    /// <summary>Packets currently held (for tests and diagnostics; O(capacity)).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                int count = 0;
                foreach (ref readonly var slot in _slots.AsSpan())
                    if (slot.Buffer is not null) count++;
                return count;
            }
        }
    }

    public void Add(ushort sequenceNumber, ReadOnlySpan<byte> packet) => Add(sequenceNumber, packet, Stopwatch.GetTimestamp());

    /// <summary>Keeps a copy of a packet sent at <paramref name="nowTicks"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Add(ushort sequenceNumber, ReadOnlySpan<byte> packet, long nowTicks)
    {
        lock (_gate)
        {
            int index = sequenceNumber % Capacity;
            Release(index);
            byte[]? buffer = null;
            if (_freeCount > 0)
            {
                ref var free = ref _free[--_freeCount];
                (buffer, free.Buffer) = (free.Buffer, null!);
            }
            // Sized for a full packet with room for header extensions, so recycled buffers fit whatever comes next.
            if (buffer is null || buffer.Length < packet.Length) buffer = new byte[Math.Max(packet.Length, RtpHeader.FixedSize + RtpDefaults.MaxPayloadSize + 64)];
            packet.CopyTo(buffer);
            ref var slot = ref _slots[index];
            slot.Buffer = buffer;
            slot.Length = packet.Length;
            slot.SequenceNumber = sequenceNumber;
            slot.AddedAt = nowTicks;
            if (_maxAgeTicks == long.MaxValue) return;
            // Sequence numbers are added in order, so the oldest packets sit just after the newest slot: walk from the
            // cull cursor towards the new slot, dropping what has aged out; stop at the first packet still young.
            for (int steps = 0; steps < Capacity && _cullSlot != index; steps++)
            {
                if (_slots[_cullSlot].Buffer is not null)
                {
                    if (nowTicks - _slots[_cullSlot].AddedAt <= _maxAgeTicks) break;
                    Release(_cullSlot);
                }
                _cullSlot = (_cullSlot + 1) % Capacity;
            }
        }
    }

    /// <summary>Frees a slot's buffer for reuse (call under the gate).</summary>
    private void Release(int index)
    {
        ref var slot = ref _slots[index];
        if (slot.Buffer is not { } old) return;
        slot.Buffer = null;
        if (_freeCount < _free.Length) _free[_freeCount++].Buffer = old;
    }

    /// <summary>A copy of the stored packet for this sequence number, if it has not been overwritten yet.</summary>
    public bool TryGet(ushort sequenceNumber, out byte[] packet)
    {
        lock (_gate)
        {
            ref readonly var slot = ref _slots[sequenceNumber % Capacity];
            if (slot.Buffer is { } stored && slot.SequenceNumber == sequenceNumber)
            {
                packet = stored.AsSpan(0, slot.Length).ToArray();
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
