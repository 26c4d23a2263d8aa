namespace HeyGenEmulator.WebRtc.Sctp;

/// <summary>
/// Packets and events produced under the association lock, delivered after it is released.
/// Only one thread drains at a time, so packets leave in the order they were produced and a callback
/// that re-enters the association (e.g. a back-to-back peer answering synchronously) never recurses deeply:
/// its output is queued and picked up by the thread already draining.
/// </summary>
internal sealed class Outbox(Action<Exception> onCallbackError)
{
    private readonly Queue<Action> _items = new();
    private bool _draining;

    public void Enqueue(Action item)
    {
        lock (_items) _items.Enqueue(item);
    }

    public void Drain()
    {
        lock (_items)
        {
            if (_draining) return;
            _draining = true;
        }
        while (true)
        {
            Action item;
            lock (_items)
            {
                if (!_items.TryDequeue(out item!))
                {
                    _draining = false;
                    return;
                }
            }
            try { item(); }
            catch (Exception ex) { onCallbackError(ex); }
        }
    }
}
