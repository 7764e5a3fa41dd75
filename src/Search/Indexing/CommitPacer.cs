using System.Diagnostics;

namespace Search.Indexing;

/// <summary>
/// Decides when a long folder sync commits on the way, so that a crash loses at most
/// <see cref="SearchIndexOptions.CommitEveryDocuments"/> documents or <see cref="SearchIndexOptions.CommitInterval"/> of
/// work. At most one indexing thread commits at a time; the others keep adding meanwhile.
/// </summary>
internal sealed class CommitPacer(int everyDocuments, TimeSpan interval, bool enabled)
{
    private int _writtenSinceCommit;
    private long _lastCommit = Stopwatch.GetTimestamp();
    private int _committing;

    /// <summary>Call after each document written; true when this caller should commit now (and then call <see cref="Committed"/>).</summary>
    public bool DocumentWritten()
    {
        int written = Interlocked.Increment(ref _writtenSinceCommit);
        if (!enabled || (written < everyDocuments && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastCommit)) < interval))
            return false;
        return Interlocked.CompareExchange(ref _committing, 1, 0) == 0;
    }

    /// <summary>Call when the commit <see cref="DocumentWritten"/> asked for has returned (or failed).</summary>
    public void Committed()
    {
        Interlocked.Exchange(ref _writtenSinceCommit, 0);
        Interlocked.Exchange(ref _lastCommit, Stopwatch.GetTimestamp());
        Volatile.Write(ref _committing, 0);
    }
}
