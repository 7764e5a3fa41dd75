namespace Search.Indexing;

/// <summary>
/// An exclusive, cross-process lock on an index folder. Lucene.Net beta00017's <c>write.lock</c> takes a
/// shared <c>flock</c> on Linux, so a second process would "obtain" it too; this lock opens its own file
/// with <see cref="FileShare.None"/>, which .NET maps to an exclusive <c>flock</c>. The operating system
/// drops it when the process dies, so a crash never leaves a stale lock and nothing is ever deleted by force.
/// </summary>
internal sealed class IndexLock : IDisposable
{
    /// <summary>The lock file's name inside the index folder; Lucene ignores files it does not own.</summary>
    public const string FileName = "search.lock";

    private readonly FileStream _stream;

    private IndexLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock or throws <see cref="IndexLockedException"/> at once; never waits.</summary>
    public static IndexLock Acquire(string indexPath)
    {
        string lockPath = Path.Combine(indexPath, FileName);
        try
        {
            return new IndexLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IndexLockedException(indexPath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IndexUnavailableException(indexPath,
                $"The index at '{indexPath}' cannot be written (permission denied). Open it read-only to search it, or choose a writable folder.", e);
        }
    }

    /// <summary>Whether a writer holds the lock on <paramref name="indexPath"/> now. Creates nothing; takes the lock for an
    /// instant when it is free, so a writer starting at that very instant may find it held.</summary>
    public static bool IsHeld(string indexPath)
    {
        string lockPath = Path.Combine(indexPath, FileName);
        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false; // never locked here, or not by anyone who could write
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();
}
