using Lucene.Net.Index;

namespace Search.Indexing;

/// <summary>
/// Owns a writable store's single <see cref="IndexWriter"/> and is the one place that runs work on it: when the work
/// fails for a reason that leaves the writer unusable (a full disk, an I/O error), it rolls the writer back to the last
/// commit and opens a fresh one, so the index stays usable, and the caller gets an <see cref="IndexWriteException"/>.
/// </summary>
/// <param name="description">How the index is named in messages.</param>
/// <param name="open">Opens a writer (and whatever the store keeps over it, such as its searchers).</param>
/// <param name="discarded">Called after a writer was rolled back and closed, before the next one opens, to release
/// what the store kept over it.</param>
internal sealed class WriterSession(string description, Func<(IndexWriter Writer, SafeMergeScheduler Merges)> open, Action discarded)
{
    private readonly object _recovery = new();
    private volatile State? _current;

    /// <summary>The open writer, or <see langword="null"/> after a failure that could not open a new one yet.</summary>
    public IndexWriter? Writer => _current?.Writer;

    /// <summary>Opens the first writer; failures reach the caller as they are.</summary>
    public void Start() => _current = Open();

    /// <summary>Runs <paramref name="work"/> on the writer (opening a new one first if the last failure left none); if it
    /// fails with a storage failure, rolls back and reopens, then throws <see cref="IndexWriteException"/>.</summary>
    public TResult Run<TArg, TResult>(TArg arg, Func<IndexWriter, TArg, TResult> work)
    {
        State state = _current ?? ReopenAfterFailure();
        try
        {
            return work(state.Writer, arg);
        }
        catch (Exception e) when (IsFailure(e))
        {
            RollBackAndReopen(state);
            throw Failed(e);
        }
    }

    /// <inheritdoc cref="Run{TArg, TResult}"/>
    public void Run<TArg>(TArg arg, Action<IndexWriter, TArg> work) =>
        Run((work, arg), static (writer, call) =>
        {
            call.work(writer, call.arg);
            return true;
        });

    /// <summary>The last background merge failure since the last call, if any.</summary>
    public Exception? TakeMergeFailure() => _current?.Merges.TakeFailure();

    /// <summary>Discards every write since the last commit and opens a new writer at the last commit.</summary>
    public void RollBack()
    {
        if (_current is { } state)
            RollBackAndReopen(state);
    }

    private void RollBackAndReopen(State state)
    {
        lock (_recovery)
        {
            if (!ReferenceEquals(_current, state))
                return; // another thread rolled it back already
            _current = null;
            RollBackQuietly(state.Writer); // a failing rollback has still closed the writer; the next write opens a new one
            discarded();
            try
            {
                _current = Open();
            }
            catch (Exception e) when (IsFailure(e))
            {
                // Still failing (the disk is still full): the next write tries again and reports it.
            }
        }
    }

    private State ReopenAfterFailure()
    {
        lock (_recovery)
        {
            if (_current is null)
            {
                try
                {
                    _current = Open();
                }
                catch (Exception e) when (IsFailure(e))
                {
                    throw Failed(e);
                }
            }
            return _current;
        }
    }

    /// <summary>Closes the writer: commits pending writes, or with <paramref name="discard"/> rolls them back. If the
    /// closing commit fails, the writes are rolled back and <see cref="IndexWriteException"/> says so, but the writer's
    /// files and Lucene's lock are released all the same.</summary>
    public void Close(bool discard)
    {
        State? state = _current;
        _current = null;
        if (state is null)
            return;
        if (discard)
        {
            RollBackQuietly(state.Writer);
            return;
        }
        try
        {
            state.Writer.Dispose(); // commits pending writes and waits for running merges
        }
        catch (Exception e) when (IsFailure(e))
        {
            // A writer whose closing commit failed still holds its files and Lucene's lock; rolling back releases them.
            RollBackQuietly(state.Writer);
            throw Failed(e);
        }
    }

    /// <summary>Discards the writer's uncommitted changes and closes it with its files.</summary>
    public static void RollBackQuietly(IndexWriter writer)
    {
        try
        {
            writer.Rollback();
        }
        catch (Exception e) when (IsFailure(e))
        {
            // closed as far as it can be
        }
    }

    /// <summary>Failures that leave the writer unusable until it is rolled back, as opposed to a bad document.</summary>
    /// <remarks>Lucene.Net sometimes hands the I/O error on inside other exceptions: a merge policy that cannot read a
    /// segment's size fails a sort, which .NET reports as an <see cref="InvalidOperationException"/> around a
    /// <c>LuceneSystemException</c> around the <see cref="IOException"/>.</remarks>
    private static bool IsFailure(Exception e) => Cause(e) is not null;

    /// <summary>The storage failure in <paramref name="e"/> or among its inner exceptions, if there is one.</summary>
    private static Exception? Cause(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is IOException or ObjectDisposedException or OutOfMemoryException)
                return current;
        }
        return null;
    }

    private IndexWriteException Failed(Exception e) => new(description, Cause(e) ?? e);

    private State Open()
    {
        (IndexWriter writer, SafeMergeScheduler merges) = open();
        return new State(writer, merges);
    }

    private sealed record State(IndexWriter Writer, SafeMergeScheduler Merges);
}
