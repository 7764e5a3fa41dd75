namespace Search.AspNetCore;

/// <summary>Lets one HTTP write at a time change the index and commit. A failed commit discards every uncommitted write,
/// so two requests sharing a commit could both be told their write was lost, or one acknowledged on the strength of the
/// other's failed commit; one at a time, each acknowledgement follows its own successful commit.</summary>
internal sealed class IndexWriteLock : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
