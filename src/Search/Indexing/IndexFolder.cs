using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Search.Indexing;

/// <summary>
/// Opens index folders on disk: checks what the folder holds, takes the cross-process lock, and turns every way a
/// folder can be unusable into one clear <see cref="IndexUnavailableException"/> or <see cref="IndexLockedException"/>
/// naming it. Never deletes or repairs anything.
/// </summary>
internal static partial class IndexFolder
{
    public static IndexStore Open(string path, SearchIndexOptions options)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (File.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"'{fullPath}' is a file, not an index folder.");
        return options.ReadOnly ? OpenReadOnly(fullPath, options) : OpenWritable(fullPath, options);
    }

    /// <summary>Whether <paramref name="path"/> holds an index (a committed one; it may still be corrupt).</summary>
    public static bool Exists(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(fullPath))
            return false;
        using var directory = new PositionalReadDirectory(fullPath);
        return DirectoryReader.IndexExists(directory);
    }

    private static IndexStore OpenReadOnly(string fullPath, SearchIndexOptions options)
    {
        if (!System.IO.Directory.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}': the folder does not exist.");
        var directory = new PositionalReadDirectory(fullPath);
        try
        {
            if (!DirectoryReader.IndexExists(directory))
                throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}'. Index some documents into it first.");
            return IndexStore.OpenReader(fullPath, directory, options);
        }
        catch (IOException e)
        {
            directory.Dispose();
            throw Unreadable(fullPath, e);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static IndexStore OpenWritable(string fullPath, SearchIndexOptions options)
    {
        try
        {
            System.IO.Directory.CreateDirectory(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexUnavailableException(fullPath, $"The index folder '{fullPath}' cannot be created: {ExceptionText.Summary(e)}", e);
        }

        // Nothing is created in a folder before it is known to hold an index or nothing: a lock file must not be left in
        // someone's notes, nor in '/'.
        EnsureIndexOrEmpty(fullPath);
        IndexLock indexLock = IndexLock.Acquire(fullPath);
        var directory = new PositionalReadDirectory(fullPath);
        try
        {
            // Again under the lock, for a folder that changed meanwhile. The lock file then stays: deleting a lock file that
            // other processes may have opened would break their mutual exclusion.
            if (!DirectoryReader.IndexExists(directory))
                EnsureEmpty(fullPath);
            return IndexStore.OpenWriter(fullPath, directory, indexLock, options);
        }
        catch (LockObtainFailedException e)
        {
            Release(directory, indexLock);
            throw new IndexLockedException(fullPath, e);
        }
        catch (IOException e)
        {
            Release(directory, indexLock);
            throw Unreadable(fullPath, e);
        }
        catch
        {
            Release(directory, indexLock);
            throw;
        }
    }

    private static void Release(Lucene.Net.Store.Directory directory, IndexLock indexLock)
    {
        directory.Dispose();
        indexLock.Dispose();
    }

    private static IndexUnavailableException Unreadable(string fullPath, IOException e) =>
        new(fullPath, $"The index at '{fullPath}' cannot be read ({ExceptionText.Summary(e)}). It may be corrupt, half-written or written by " +
                      "another program; nothing was changed. Rebuild it from its documents (search index --rebuild), or " +
                      "check it (search check).", e);

    private static void EnsureIndexOrEmpty(string fullPath)
    {
        try
        {
            using var directory = new PositionalReadDirectory(fullPath);
            if (!DirectoryReader.IndexExists(directory))
                EnsureEmpty(fullPath);
        }
        catch (IOException e)
        {
            throw Unreadable(fullPath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IndexUnavailableException(fullPath, $"The index folder '{fullPath}' cannot be read (permission denied); nothing in it was changed.", e);
        }
    }

    /// <summary>A folder without a commit may be new, or hold what a writer killed before its first commit left behind
    /// (its lock files and segment files, which Lucene's writer clears up itself). Anything else is someone's data.</summary>
    private static void EnsureEmpty(string fullPath)
    {
        if (HoldsOtherFiles(fullPath))
        {
            throw new IndexUnavailableException(fullPath,
                $"'{fullPath}' is not empty and holds no index. Choose an empty or new folder for the index; nothing in it was changed.");
        }
    }

    /// <summary>Whether <paramref name="fullPath"/> is a folder holding anything but the locks and Lucene's own files: then it
    /// is someone's data, and no index may be created in it.</summary>
    internal static bool HoldsOtherFiles(string fullPath) =>
        System.IO.Directory.Exists(fullPath) && System.IO.Directory.EnumerateFileSystemEntries(fullPath)
            .Select(System.IO.Path.GetFileName)
            .Any(name => name != IndexLock.FileName && name != IndexWriter.WRITE_LOCK_NAME && !LuceneFile().IsMatch(name!));

    // Segment files of the codecs Lucene 4.8 writes (e.g. _0.fdt, _0_Lucene41_0.tim, _1_2.liv) and segments.gen; the
    // writer deletes such files when no commit references them, so nothing but Lucene's own names may pass here.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(_[a-z0-9]+(_[A-Za-z0-9]+)*\.(cfs|cfe|si|fnm|fdt|fdx|tim|tip|doc|pos|pay|dvd|dvm|nvd|nvm|tvd|tvx|liv)|segments\.gen)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LuceneFile();
}
