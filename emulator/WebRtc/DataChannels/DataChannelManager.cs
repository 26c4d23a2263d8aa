using System.Text;
using HeyGenEmulator.WebRtc.Sctp;

namespace HeyGenEmulator.WebRtc.DataChannels;

/// <summary>
/// WebRTC data channels (RFC 8831) with the DCEP open handshake (RFC 8832) over one <see cref="SctpAssociation"/>.
/// </summary>
/// <remarks>
/// Stream ids: the DTLS server uses odd ids and the client even ids (RFC 8832 §6), so both sides can open
/// channels without colliding. Events are raised on the association's event thread (see SctpAssociation),
/// outside this manager's lock.
/// </remarks>
public sealed class DataChannelManager
{
    private readonly object _gate = new();
    private readonly SctpAssociation _association;
    private readonly Dictionary<ushort, DataChannel> _channels = new();
    private ushort _nextStreamId;

    public DataChannelManager(SctpAssociation association, bool isDtlsServer = true, int maxMessageSize = 262144)
    {
        _association = association;
        MaxMessageSize = maxMessageSize;
        _nextStreamId = isDtlsServer ? (ushort)1 : (ushort)0;
        association.MessageReceived += OnMessage;
        association.StreamClosed += OnStreamClosed;
        association.Closed += _ => OnAssociationClosed();
    }

    /// <summary>Largest message Send accepts (what we announce as a=max-message-size).</summary>
    public int MaxMessageSize { get; }

    /// <summary>A channel became usable: the peer ACKed our OPEN (or sent on it), or the peer opened one.</summary>
    public event Action<DataChannel>? ChannelOpened;

    public event Action<DataChannel, byte[], bool>? MessageReceived;

    public event Action<DataChannel>? ChannelClosed;

    public IReadOnlyCollection<DataChannel> Channels { get { lock (_gate) return _channels.Values.ToArray(); } }

    /// <summary>Opens a channel on the next free stream id of our parity and sends DATA_CHANNEL_OPEN. Sending may start at once.</summary>
    public DataChannel OpenChannel(string label, bool ordered = true, int? maxRetransmits = null, string protocol = "", int? maxPacketLifeTime = null)
    {
        DataChannel channel;
        lock (_gate)
        {
            ushort id = _nextStreamId;
            int limit = _association.Options.OutboundStreams;
            while (_channels.ContainsKey(id))
            {
                id += 2;
                if (id >= limit) throw new InvalidOperationException("No free data channel stream id.");
            }
            _nextStreamId = (ushort)(id + 2);
            channel = new DataChannel(id, label, protocol, ordered, maxRetransmits, maxPacketLifeTime, openedLocally: true, DataChannelState.Connecting);
            _channels[id] = channel;
        }
        var open = new DataChannelOpen(DataChannelOpen.TypeFor(ordered, maxRetransmits, maxPacketLifeTime), 0,
            (uint)(maxRetransmits ?? maxPacketLifeTime ?? 0), label, protocol);
        // DCEP messages go ordered and reliable so the OPEN arrives before anything sent after it.
        _association.Send(channel.StreamId, DataChannelPpid.Dcep, open.Encode());
        return channel;
    }

    public bool Send(DataChannel channel, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length == 0
            ? SendRaw(channel, DataChannelPpid.StringEmpty, [0])
            : SendRaw(channel, DataChannelPpid.String, bytes);
    }

    public bool Send(DataChannel channel, ReadOnlySpan<byte> data) =>
        data.IsEmpty ? SendRaw(channel, DataChannelPpid.BinaryEmpty, [0]) : SendRaw(channel, DataChannelPpid.Binary, data);

    /// <summary>Closes via an SCTP stream reset; ChannelClosed fires once the peer has reset its side too.</summary>
    public void Close(DataChannel channel)
    {
        lock (_gate)
        {
            if (channel.State is DataChannelState.Closing or DataChannelState.Closed) return;
            channel.State = DataChannelState.Closing;
        }
        _association.ResetStream(channel.StreamId);
    }

    private bool SendRaw(DataChannel channel, uint ppid, ReadOnlySpan<byte> payload)
    {
        bool unordered;
        lock (_gate)
        {
            if (channel.State is DataChannelState.Closing or DataChannelState.Closed || payload.Length > MaxMessageSize) return false;
            // Until the ACK, send ordered so user data cannot overtake the OPEN (RFC 8832 §6).
            unordered = !channel.Ordered && channel.State == DataChannelState.Open;
        }
        return _association.Send(channel.StreamId, ppid, payload, unordered, channel.MaxRetransmits);
    }

    private void OnMessage(SctpMessage message)
    {
        if (message.Ppid == DataChannelPpid.Dcep)
        {
            OnDcep(message);
            return;
        }
        DataChannel? channel;
        bool becameOpen = false;
        lock (_gate)
        {
            if (!_channels.TryGetValue(message.StreamId, out channel) || channel.State == DataChannelState.Closed) return;
            // Data from the peer proves it saw our OPEN: treat it as the ACK (a lost-looking unordered ACK may come later).
            if (channel.State == DataChannelState.Connecting) { channel.State = DataChannelState.Open; becameOpen = true; }
        }
        if (becameOpen) ChannelOpened?.Invoke(channel);
        switch (message.Ppid)
        {
            case DataChannelPpid.String: MessageReceived?.Invoke(channel, message.Payload, true); break;
            case DataChannelPpid.Binary: MessageReceived?.Invoke(channel, message.Payload, false); break;
            case DataChannelPpid.StringEmpty: MessageReceived?.Invoke(channel, [], true); break;
            case DataChannelPpid.BinaryEmpty: MessageReceived?.Invoke(channel, [], false); break;
        }
    }

    private void OnDcep(SctpMessage message)
    {
        var payload = message.Payload;
        if (payload.Length == 1 && payload[0] == DcepMessageType.Ack)
        {
            DataChannel? acked = null;
            lock (_gate)
            {
                if (_channels.TryGetValue(message.StreamId, out var c) && c.State == DataChannelState.Connecting)
                {
                    c.State = DataChannelState.Open;
                    acked = c;
                }
            }
            if (acked is not null) ChannelOpened?.Invoke(acked);
            return;
        }
        if (!DataChannelOpen.TryParse(payload, out var open)) return;

        DataChannel channel;
        lock (_gate)
        {
            if (_channels.ContainsKey(message.StreamId)) return; // collision with one of ours: ignore, as browsers do
            channel = new DataChannel(message.StreamId, open.Label, open.Protocol, open.Ordered, open.MaxRetransmits,
                open.MaxPacketLifeTime, openedLocally: false, DataChannelState.Open);
            _channels[message.StreamId] = channel;
        }
        _association.Send(message.StreamId, DataChannelPpid.Dcep, DataChannelOpen.EncodeAck());
        ChannelOpened?.Invoke(channel);
    }

    private void OnStreamClosed(ushort streamId)
    {
        DataChannel? channel;
        lock (_gate)
        {
            if (!_channels.Remove(streamId, out channel)) return;
            channel.State = DataChannelState.Closed;
        }
        ChannelClosed?.Invoke(channel);
    }

    private void OnAssociationClosed()
    {
        DataChannel[] closed;
        lock (_gate)
        {
            closed = _channels.Values.ToArray();
            _channels.Clear();
            foreach (var c in closed) c.State = DataChannelState.Closed;
        }
        foreach (var c in closed) ChannelClosed?.Invoke(c);
    }
}
