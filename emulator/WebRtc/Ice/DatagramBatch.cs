using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HeyGenEmulator.WebRtc.Ice;

/// <summary>
/// Datagrams gathered over one pacing tick and sent from the mux's socket together: one <c>sendmmsg(2)</c> for the
/// whole batch on 64-bit Linux, where every system call is costly (on the 2-core VM the media bench runs on, entering
/// and leaving the kernel was a quarter of the pacer's time); one <c>SendTo</c> each elsewhere, or if the kernel
/// refuses the call. Packets are written straight into the batch's native buffers. Not thread-safe: the pacer's own.
/// </summary>
public sealed unsafe class DatagramBatch : IDisposable
{
    public const int Capacity = 64;
    /// <summary>Room for the largest datagram the sender makes (an MTU) with margin.</summary>
    public const int SlotBytes = 1600;
    private const int NameBytes = 128; // sockaddr_storage

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sendmmsg(int fd, MMsgHdr* messages, uint count, int flags);

    private readonly UdpMux _mux;
    private readonly byte* _buffers;
    private readonly byte* _names;
    private readonly IoVec* _iov;
    private readonly MMsgHdr* _messages;
    private readonly SocketAddress?[] _targets = new SocketAddress?[Capacity];
    private readonly int[] _lengths = new int[Capacity];
    private bool _native = OperatingSystem.IsLinux() && Environment.Is64BitProcess;
    private int _count;
    private bool _disposed;

    internal DatagramBatch(UdpMux mux)
    {
        _mux = mux;
        _buffers = (byte*)NativeMemory.AllocZeroed((nuint)(Capacity * SlotBytes));
        _names = (byte*)NativeMemory.AllocZeroed((nuint)(Capacity * NameBytes));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(IoVec)));
        _messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Capacity * sizeof(MMsgHdr)));
    }

    /// <summary>Whether batches go out in one system call (false once the kernel refused it: then one send each).</summary>
    public bool UsesSendMmsg => _native;

    public long SystemCalls { get; private set; }
    public long Datagrams { get; private set; }

    /// <summary>Where the next datagram is written (<see cref="SlotBytes"/> long); sends what is gathered first if full.</summary>
    public Span<byte> Next()
    {
        if (_count == Capacity) Flush();
        return new Span<byte>(_buffers + _count * SlotBytes, SlotBytes);
    }

    /// <summary>The datagram written into <see cref="Next"/> is <paramref name="length"/> bytes, for <paramref name="target"/>.</summary>
    public void Add(int length, SocketAddress target)
    {
        if (length <= 0 || length > SlotBytes || target.Size > NameBytes) return;
        _targets[_count] = target;
        _lengths[_count] = length;
        _count++;
    }

    /// <summary>Sends everything gathered; returns how many datagrams went out.</summary>
    public int Flush()
    {
        int count = _count;
        if (count == 0 || _disposed) return 0;
        _count = 0;
        int sent = _native ? SendNative(count) : 0;
        for (int i = sent; i < count; i++)
        {
            if (_mux.Send(new ReadOnlySpan<byte>(_buffers + i * SlotBytes, _lengths[i]), _targets[i]!)) sent++;
            SystemCalls++;
        }
        Datagrams += count;
        Array.Clear(_targets, 0, count);
        return sent;
    }

    private int SendNative(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var target = _targets[i]!;
            var name = _names + i * NameBytes;
            target.Buffer.Span[..target.Size].CopyTo(new Span<byte>(name, NameBytes));
            _iov[i] = new IoVec { Base = _buffers + i * SlotBytes, Length = (nuint)_lengths[i] };
            _messages[i] = new MMsgHdr
            {
                Header = new MsgHdr { Name = name, NameLength = (uint)target.Size, Iov = _iov + i, IovLength = 1 },
            };
        }
        int done = 0;
        while (done < count)
        {
            int rc = SendMmsg(done, count - done);
            SystemCalls++;
            if (rc > 0)
            {
                done += rc;
                continue;
            }
            var errno = Marshal.GetLastPInvokeError();
            // A full send buffer or a refused destination drops that datagram, as SendTo would; anything else means
            // the call itself is not usable here (an old kernel, a sandbox): fall back to one send each from now on.
            if (rc < 0 && errno is 11 or 111 or 113 or 101 or 105) { done++; continue; }
            _native = false;
            break;
        }
        return done;
    }

    private int SendMmsg(int first, int count)
    {
        if (_mux.IsDisposed) return -1;
        var handle = _mux.SocketHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return sendmmsg((int)handle.DangerousGetHandle(), _messages + first, (uint)count, 0);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        NativeMemory.Free(_buffers);
        NativeMemory.Free(_names);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
    }
}
