namespace NestedVirt.Harness.Tests.Results;

/// <summary>Passes writes through until <c>budget</c> bytes have gone, then throws the given exception.</summary>
internal sealed class ThrowingStream(Stream inner, long budget, Func<Exception> failure) : Stream
{
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long allowed = Math.Max(0, Math.Min(buffer.Length, budget - written));
        inner.Write(buffer[..(int)allowed]);
        written += allowed;
        if (allowed < buffer.Length)
        {
            throw failure();
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
