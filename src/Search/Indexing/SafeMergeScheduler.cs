using Lucene.Net.Index;

namespace Search.Indexing;

/// <summary>
/// Lucene's concurrent merge scheduler, minus one hazard: on a failed background merge (a full disk, an I/O error)
/// it rethrows on the merge thread, and in .NET an unhandled exception on any thread ends the process. The writer
/// has already discarded the failed merge's files by then, so the failure is kept for the next commit to report
/// instead of killing the host application.
/// </summary>
internal sealed class SafeMergeScheduler : ConcurrentMergeScheduler
{
    private Exception? _failure;

    /// <summary>The last failed merge since the last call, if any; the caller reports it.</summary>
    public Exception? TakeFailure() => Interlocked.Exchange(ref _failure, null);

    protected override void HandleMergeException(Exception exc) => Interlocked.Exchange(ref _failure, exc);
}
