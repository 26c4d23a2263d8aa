using HeyGenEmulator.WebRtc.Sctp;

namespace HeyGenEmulator.WebRtc.Tests.Sctp;

/// <summary>
/// Two associations wired back to back through queues: packets only move when the test pumps them,
/// optionally dropping some, so loss and timing are deterministic.
/// </summary>
public sealed class AssociationPair
{
    private readonly Queue<byte[]> _toPassive = new(), _toActive = new();
    private int _deliveredToPassive, _deliveredToActive;

    public FakeTimeProvider Time { get; } = new();
    public SctpAssociation Active { get; }
    public SctpAssociation Passive { get; }
    public List<SctpMessage> ReceivedByActive { get; } = new();
    public List<SctpMessage> ReceivedByPassive { get; } = new();

    /// <summary>Decides per packet whether it is dropped: (index among DATA-carrying packets in its direction, or -1, bytes).</summary>
    public Func<int, byte[], bool> Drop { get; set; } = (_, _) => false;
    public int DroppedCount { get; private set; }

    /// <summary>Every packet the active side emitted, for inspection.</summary>
    public List<byte[]> ActiveSent { get; } = new();
    public List<byte[]> PassiveSent { get; } = new();

    public AssociationPair(SctpOptions? options = null)
    {
        Active = new SctpAssociation(p => { ActiveSent.Add(p); _toPassive.Enqueue(p); }, Time, options);
        Passive = new SctpAssociation(p => { PassiveSent.Add(p); _toActive.Enqueue(p); }, Time, options);
        Active.MessageReceived += ReceivedByActive.Add;
        Passive.MessageReceived += ReceivedByPassive.Add;
    }

    /// <summary>Delivers queued packets until both directions are quiet.</summary>
    public void Pump()
    {
        for (int guard = 0; guard < 1_000_000 && (_toPassive.Count > 0 || _toActive.Count > 0); guard++)
        {
            if (_toPassive.TryDequeue(out var a)) Deliver(a, Passive);
            if (_toActive.TryDequeue(out var b)) Deliver(b, Active);
        }
    }

    private void Deliver(byte[] packet, SctpAssociation to)
    {
        if (!SctpPacket.TryParse(packet, out var parsed) || !parsed.Chunks.Any(c => c.ChunkType == SctpChunkType.Data))
        {
            if (Drop(-1, packet)) { DroppedCount++; return; }
            to.HandlePacket(packet);
            return;
        }
        int index = to == Passive ? _deliveredToPassive++ : _deliveredToActive++;
        if (Drop(index, packet)) { DroppedCount++; return; }
        to.HandlePacket(packet);
    }

    /// <summary>Pumps and advances fake time in steps until the condition holds (no real sleeping).</summary>
    public void RunUntil(Func<bool> condition, TimeSpan? limit = null, TimeSpan? step = null)
    {
        var max = limit ?? TimeSpan.FromMinutes(5);
        var s = step ?? TimeSpan.FromMilliseconds(100);
        var elapsed = TimeSpan.Zero;
        Pump();
        while (!condition())
        {
            if (elapsed >= max) throw new TimeoutException($"condition not met within {max} of fake time");
            Time.Advance(s);
            elapsed += s;
            Pump();
        }
    }

    public void Connect()
    {
        Active.Connect();
        RunUntil(() => Active.State == SctpAssociationState.Established && Passive.State == SctpAssociationState.Established);
    }
}
