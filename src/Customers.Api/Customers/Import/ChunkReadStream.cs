namespace Customers.Api.Customers.Import;

/// <summary>Reads an uploaded file back from its stored chunks, one chunk (one query) at a time.</summary>
public sealed class ChunkReadStream(IServiceScopeFactory scopes, int tenantId, long jobId) : Stream
{
    private byte[] _chunk = [];
    private int _position;
    private int _nextSequence;
    private bool _finished;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_position >= _chunk.Length)
        {
            if (_finished)
            {
                return 0;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            var sequence = _nextSequence;
            var next = await db.ImportChunks.AsNoTracking()
                .Where(c => c.TenantId == tenantId && c.JobId == jobId && c.Sequence == sequence)
                .Select(c => c.Data)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                _finished = true;
                return 0;
            }
            _chunk = next;
            _position = 0;
            _nextSequence++;
        }
        var count = Math.Min(buffer.Length, _chunk.Length - _position);
        _chunk.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
