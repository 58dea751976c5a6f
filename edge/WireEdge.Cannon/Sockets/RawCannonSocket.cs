using System.Buffers;
using System.Net.Sockets;
using WireEdge.Cannon.Protocol;
using WireEdge.Contracts.Ids;

namespace WireEdge.Cannon.Sockets;

/// <summary>
/// A socket that owns a bare, non-blocking <see cref="Socket"/> (accepted by the cannon's own
/// listener, see <see cref="Transport.CannonListener"/>): no pipes, no Kestrel connection. Idle, it is
/// this object, the runtime's socket objects and one pending zero-byte receive. Bytes are read only
/// once the kernel has them, into a pooled buffer returned before the next wait; outgoing frames
/// are built in a pooled buffer and sent without waiting unless the kernel's send buffer is full.
/// </summary>
internal sealed class RawCannonSocket : CannonSocket, IBufferWriter<byte>
{
    private const int ReceiveChunk = 4096;
    private const int MinOutBuffer = 256;

    private readonly Socket socket;
    private readonly Receiver receiver;
    private byte[]? outBuf;
    private int outLen;

    // The start of a client frame that has not fully arrived yet (rare; only between reads).
    private byte[]? partial;
    private int partialLen;

    /// <param name="receiver">The receive operation the handshake peeked with (one per socket).</param>
    internal RawCannonSocket(CannonHub hub, Guid user, string connection, ClientId? client, Socket socket, Receiver receiver)
        : base(hub, user, connection, client)
    {
        this.socket = socket;
        this.receiver = receiver;
    }

    public override string TransportKind => "socket";

    /// <summary>
    /// Starts the receive chain: a zero-byte receive that completes once bytes (or the end of the
    /// stream) are there, then a non-blocking read of what arrived, then the next zero-byte receive.
    /// No task, no state machine, no buffer while waiting; the socket ends (and unregisters) when the
    /// chain ends.
    /// </summary>
    internal void StartReceiving()
    {
        receiver.Attach(this);
        ReceiveNext();
    }

    private void ReceiveNext()
    {
        while (true)
        {
            if (IsEnded)
            {
                EndReceiving();
                return;
            }

            bool pending;
            try
            {
                pending = socket.ReceiveAsync(receiver);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                Abort(CloseReason.TransportError);
                EndReceiving();
                return;
            }

            if (pending)
            {
                return; // OnReceived continues the chain
            }

            if (!Received())
            {
                EndReceiving();
                return;
            }
        }
    }

    private void OnReceived()
    {
        if (Received())
        {
            ReceiveNext();
        }
        else
        {
            EndReceiving();
        }
    }

    /// <summary>After a zero-byte receive completed; false once the socket ended.</summary>
    private bool Received()
    {
        if (receiver.SocketError != SocketError.Success)
        {
            Abort(CloseReason.TransportError);
            return false;
        }

        try
        {
            return ReceiveAvailable();
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            Abort(CloseReason.TransportError);
            return false;
        }
    }

    private void EndReceiving()
    {
        socket.Dispose();
        receiver.Dispose();
        OnReadLoopEnded();
    }

    /// <summary>Reads what the kernel holds without waiting and handles the frames; false once the socket ended.</summary>
    private bool ReceiveAvailable()
    {
        var buf = ArrayPool<byte>.Shared.Rent(ReceiveChunk);
        try
        {
            while (!IsEnded)
            {
                var n = socket.Receive(buf, 0, buf.Length, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    return true;
                }

                if (error != SocketError.Success)
                {
                    Abort(CloseReason.TransportError);
                    return false;
                }

                if (n == 0)
                {
                    Abort(IsClosing ? EndReason ?? CloseReason.ClientClosed : CloseReason.ClientClosed);
                    return false;
                }

                if (!Consume(buf, n))
                {
                    return false;
                }

                if (n < buf.Length)
                {
                    return true; // the next zero-byte receive completes at once if more arrived meanwhile
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private bool Consume(byte[] received, int n)
    {
        byte[] data;
        int length;
        if (partialLen == 0)
        {
            data = received;
            length = n;
        }
        else
        {
            if (partial!.Length < partialLen + n)
            {
                Array.Resize(ref partial, Math.Max(partialLen + n, partial.Length * 2));
            }

            Buffer.BlockCopy(received, 0, partial, partialLen, n);
            data = partial;
            length = partialLen + n;
        }

        var buffer = new ReadOnlySequence<byte>(data, 0, length);
        if (!Process(ref buffer))
        {
            return false;
        }

        var left = (int)buffer.Length;
        if (left == 0)
        {
            partial = null; // an idle socket keeps no buffer
            partialLen = 0;
            return true;
        }

        var offset = length - left;
        if (ReferenceEquals(data, partial))
        {
            Buffer.BlockCopy(partial, offset, partial, 0, left);
        }
        else
        {
            partial = new byte[Math.Max(left, MinOutBuffer)];
            Buffer.BlockCopy(data, offset, partial, 0, left);
        }

        partialLen = left;
        return true;
    }

    private protected override void WriteFrame(Opcode opcode, ReadOnlySpan<byte> payload) => WebSocketFrames.Write(this, opcode, payload);

    private protected override async ValueTask<bool> FlushAsync()
    {
        var buf = outBuf;
        var len = outLen;
        outBuf = null;
        outLen = 0;
        if (buf is null || len == 0)
        {
            if (buf is not null)
            {
                ArrayPool<byte>.Shared.Return(buf);
            }

            return true;
        }

        try
        {
            var sent = socket.Send(buf, 0, len, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                sent = 0;
            }
            else if (error != SocketError.Success)
            {
                return false;
            }

            while (sent < len)
            {
                // The kernel's send buffer is full (a slow reader): wait for room; the queue bound applies meanwhile.
                sent += await socket.SendAsync(buf.AsMemory(sent, len - sent), SocketFlags.None).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private protected override void CompleteTransport() => Shut();

    protected override void AbortTransport() => Shut();

    /// <summary>Ends both directions and releases the socket; a pending receive completes with an error.</summary>
    private void Shut()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    void IBufferWriter<byte>.Advance(int count) => outLen += count;

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => Ensure(sizeHint).AsMemory(outLen);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => Ensure(sizeHint).AsSpan(outLen);

    private byte[] Ensure(int sizeHint)
    {
        var need = outLen + Math.Max(sizeHint, 1);
        if (outBuf is null || outBuf.Length < need)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, Math.Max(MinOutBuffer, (outBuf?.Length ?? 0) * 2)));
            if (outBuf is not null)
            {
                Buffer.BlockCopy(outBuf, 0, bigger, 0, outLen);
                ArrayPool<byte>.Shared.Return(outBuf);
            }

            outBuf = bigger;
        }

        return outBuf;
    }

    /// <summary>
    /// A connection's one receive operation: first the handshake's peeks (awaitable), then, attached to
    /// its <see cref="RawCannonSocket"/>, every zero-byte receive of the socket's life.
    /// </summary>
    internal sealed class Receiver : SocketAsyncEventArgs
    {
        private RawCannonSocket? owner;
        private TaskCompletionSource<int>? peek;

        public Receiver()
            : base(unsafeSuppressExecutionContextFlow: true)
        {
        }

        /// <summary>Peeks at up to <paramref name="buffer"/>'s length of bytes without consuming them (0: the peer closed).</summary>
        public Task<int> PeekAsync(Socket socket, Memory<byte> buffer)
        {
            SetBuffer(buffer);
            SocketFlags = SocketFlags.Peek;
            var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            peek = tcs;
            if (!socket.ReceiveAsync(this))
            {
                peek = null;
                return SocketError == SocketError.Success ? Task.FromResult(BytesTransferred) : Task.FromException<int>(new SocketException((int)SocketError));
            }

            return tcs.Task;
        }

        /// <summary>From now on completions continue <paramref name="socket"/>'s receive chain (zero-byte receives).</summary>
        public void Attach(RawCannonSocket socket)
        {
            SetBuffer(Memory<byte>.Empty);
            SocketFlags = SocketFlags.None;
            owner = socket;
        }

        protected override void OnCompleted(SocketAsyncEventArgs e)
        {
            var p = peek;
            if (p is not null)
            {
                peek = null;
                if (SocketError == SocketError.Success)
                {
                    p.TrySetResult(BytesTransferred);
                }
                else
                {
                    p.TrySetException(new SocketException((int)SocketError));
                }

                return;
            }

            owner?.OnReceived();
        }
    }
}
