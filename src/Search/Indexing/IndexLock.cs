namespace Search.Indexing;

/// <summary>
/// An exclusive, cross-process lock on an index folder. Lucene.Net beta00017's <c>write.lock</c> takes a shared
/// <c>flock</c> on Linux, so a second process would "obtain" it too; this lock opens its own file with
/// <see cref="FileShare.None"/>, which .NET maps to an exclusive <c>flock</c>, and also takes a POSIX record lock
/// (<see cref="FileStream.Lock"/>, <c>fcntl</c>), which .NET takes even when <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>
/// turns the <c>flock</c> off. The operating system drops both when the process dies, so a crash never leaves a stale lock
/// and nothing is ever deleted by force.
/// </summary>
internal sealed class IndexLock : IDisposable
{
    /// <summary>The lock file's name inside the index folder; Lucene ignores files it does not own.</summary>
    public const string FileName = "search.lock";

    // Record locks never conflict within one process, and closing any descriptor of the file drops all of the process's
    // record locks on it: so this process's own holders are checked here, before the lock file is ever opened a second time.
    private static readonly HashSet<string> Held = new(StringComparer.Ordinal);

    private readonly FileStream _stream;
    private readonly string _lockPath;
    private int _disposed;

    private IndexLock(FileStream stream, string lockPath)
    {
        _stream = stream;
        _lockPath = lockPath;
    }

    // A look with IsHeld from another process holds the lock for an instant: a writer starting then tries a few times more
    // before it says the index is locked.
    private static readonly TimeSpan ProbePatience = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProbeRetry = TimeSpan.FromMilliseconds(10);

    /// <summary>Takes the lock or throws, waiting at most a tenth of a second (for a look with <see cref="IsHeld"/> to end):
    /// <see cref="IndexLockedException"/> when another writer holds it, <see cref="IndexUnavailableException"/> naming the
    /// cause when the folder cannot be written.</summary>
    public static IndexLock Acquire(string indexPath)
    {
        string lockPath = Path.Combine(indexPath, FileName);
        lock (Held)
        {
            if (!Held.Add(lockPath))
                throw new IndexLockedException(indexPath);
        }
        try
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                try
                {
                    return new IndexLock(OpenLocked(indexPath, lockPath), lockPath);
                }
                catch (IndexLockedException) when (System.Diagnostics.Stopwatch.GetElapsedTime(started) < ProbePatience)
                {
                    Thread.Sleep(ProbeRetry);
                }
            }
        }
        catch
        {
            lock (Held)
                Held.Remove(lockPath);
            throw;
        }
    }

    private static FileStream OpenLocked(string indexPath, string lockPath)
    {
        FileStream stream = Open(indexPath, lockPath);
        try
        {
            LockRecord(indexPath, stream);
            return stream;
        }
        catch
        {
            stream.Dispose(); // drops no one else's record lock: this process held none on the file
            throw;
        }
    }

    /// <summary>Whether a writer holds the lock on <paramref name="indexPath"/> now, in this process or another. Creates
    /// nothing; takes the lock for an instant when it is free, so a writer starting at that very instant may find it held.</summary>
    public static bool IsHeld(string indexPath)
    {
        string lockPath = Path.Combine(indexPath, FileName);
        // The whole look holds the registry: a writer of this process taking the lock meanwhile would otherwise lose its
        // record lock when the probe's descriptor closes (record locks never conflict within a process).
        lock (Held)
        {
            if (Held.Contains(lockPath))
                return true;
            return Probe(indexPath, lockPath);
        }
    }

    private static bool Probe(string indexPath, string lockPath)
    {
        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            LockRecord(indexPath, probe);
            return false; // closing the probe releases what it took
        }
        catch (IndexLockedException)
        {
            return true;
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexUnavailableException)
        {
            return false; // never locked here, or not by anyone who could write
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stream.Dispose();
        // Only after the close: a holder that opened the file before it would lose its record lock to that close.
        lock (Held)
            Held.Remove(_lockPath);
    }

    private static FileStream Open(string indexPath, string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new IndexLockedException(indexPath, e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw Unwritable(indexPath, Reason(e), e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unwritable(indexPath, "permission denied", e);
        }
    }

    private static void LockRecord(string indexPath, FileStream stream)
    {
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            return; // .NET offers no record locks there; the flock stands alone
        try
        {
            stream.Lock(0, 1);
        }
        catch (PlatformNotSupportedException)
        {
            // the same on the other Apple systems
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException io && IsHeldElsewhere(io)))
        {
            // POSIX lets fcntl refuse a lock held elsewhere with EACCES as well as EAGAIN.
            throw new IndexLockedException(indexPath, e);
        }
        catch (IOException e)
        {
            throw new IndexUnavailableException(indexPath,
                $"The index at '{indexPath}' cannot be locked for writing: {Reason(e)}; open it read-only to search it.", e);
        }
    }

    /// <summary>Whether the failure is a lock that another holder has. On Unix .NET puts the errno in HResult: EWOULDBLOCK
    /// (EAGAIN), which is 11 on Linux and 35 on macOS and the BSDs; on Windows, a sharing or lock violation.</summary>
    private static bool IsHeldElsewhere(IOException e) => OperatingSystem.IsWindows()
        ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
        : e.HResult == (OperatingSystem.IsLinux() || OperatingSystem.IsAndroid() ? 11 : 35);

    private static IndexUnavailableException Unwritable(string indexPath, string reason, Exception e) =>
        new(indexPath, $"The index at '{indexPath}' cannot be written: {reason}; open it read-only to search it, or choose a writable folder.", e);

    /// <summary>The operating system's words for the failure ("read-only file system"): .NET's Unix I/O messages are the
    /// <c>strerror</c> text followed by <c> : 'path'</c>.</summary>
    private static string Reason(IOException e)
    {
        string summary = ExceptionText.Summary(e);
        int path = summary.LastIndexOf(" : '", StringComparison.Ordinal);
        string reason = (path > 0 ? summary[..path] : summary).TrimEnd('.');
        return reason.Length > 1 && char.IsUpper(reason[0]) && char.IsLower(reason[1])
            ? string.Concat(char.ToLowerInvariant(reason[0]).ToString(), reason.AsSpan(1))
            : reason;
    }
}
