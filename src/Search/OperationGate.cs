namespace Search;

/// <summary>
/// Counts the operations running on an index so that disposing waits for them instead of pulling the
/// directory from under a search. Not tied to a thread, so an entry may span awaits.
/// </summary>
internal sealed class OperationGate
{
    private readonly object _sync = new();
    private int _active;
    private bool _closed;

    public Entry Enter()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(SearchIndex));
            _active++;
        }
        return new Entry(this);
    }

    /// <summary>Refuses new operations from now on. Returns false if the gate was already closed.</summary>
    public bool Close()
    {
        lock (_sync)
        {
            if (_closed)
                return false;
            _closed = true;
            return true;
        }
    }

    /// <summary>Waits until every operation that entered has left.</summary>
    public void WaitUntilIdle()
    {
        lock (_sync)
        {
            while (_active > 0)
                Monitor.Wait(_sync);
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            if (--_active == 0)
                Monitor.PulseAll(_sync);
        }
    }

    public readonly struct Entry(OperationGate gate) : IDisposable
    {
        public void Dispose() => gate.Exit();
    }
}
