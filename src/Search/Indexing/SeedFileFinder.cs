using System.IO.Enumeration;

namespace Search.Indexing;

/// <summary>A seed file to read: the id its document gets, the path to open and its size in bytes.</summary>
internal sealed record SeedFile(string Id, string Path, long Length);

/// <summary>What a walk of a folder found: the regular seed files to read, files whose id another one already has, entries
/// it could not use (each with the reason), and the ids of the subfolders it could not read.</summary>
internal sealed record SeedListing(List<SeedFile> Files, List<SeedFile> Clashes, List<IndexFailure> Skipped, List<string> UnreadFolders)
{
    /// <summary>Whether the document <paramref name="id"/> would be read from one of the <see cref="UnreadFolders"/>.</summary>
    public bool InUnreadFolder(string id) => UnreadFolders.Exists(folder => IndexSchema.IsInFolder(id, folder));
}

/// <summary>
/// Lists the <c>*.txt</c> files under a folder, one folder at a time, as <c>find</c> does by default: hidden files and
/// folders are left out, symbolic links to folders are not followed (so link loops end), a symbolic link to a regular file
/// counts as a file at its own path, and nothing but regular files is ever handed on to be opened.
/// </summary>
internal static class SeedFileFinder
{
    private const string FilePattern = "*" + IndexSchema.DefaultExtension;

    // Not recursive: each folder is read on its own, so a folder that cannot be read costs only itself.
    private static readonly EnumerationOptions OneFolder = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>Walks <paramref name="root"/> (a full path without a trailing separator); in the order the file system lists
    /// entries, because a sort would cost more than the listing. A root that cannot be read throws.</summary>
    public static SeedListing Find(string root)
    {
        int relativeStart = Path.EndsInDirectorySeparator(root) ? root.Length : root.Length + 1;
        var listing = new SeedListing([], [], [], []);
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.TryPop(out string? folder))
        {
            try
            {
                ListFolder(folder, relativeStart, folders, listing);
            }
            catch (DirectoryNotFoundException) when (folder != root)
            {
                // removed during the walk: it simply has no files
            }
            catch (Exception e) when (folder != root && e is IOException or UnauthorizedAccessException)
            {
                // Its files may all still be there, so the sync keeps the documents indexed from it.
                string id = IndexSchema.IdOf(folder, relativeStart, isFile: false);
                listing.UnreadFolders.Add(id);
                listing.Skipped.Add(Skipped(id, folder,
                    $"{folder}: the folder cannot be read ({ExceptionText.Summary(e)}); the documents indexed from it are kept."));
            }
        }
        // Distinct paths that all end in ".txt" have distinct ids: only a differently cased extension can clash, so the
        // common case skips the hashing.
        if (!listing.Files.TrueForAll(f => f.Path.EndsWith(IndexSchema.DefaultExtension, StringComparison.Ordinal)))
            RemoveClashes(listing.Files, listing.Clashes);
        return listing;
    }

    private static void ListFolder(string folder, int relativeStart, Stack<string> folders, SeedListing listing)
    {
        var entries = new FileSystemEnumerable<Entry>(folder, (ref FileSystemEntry entry) => Entry.From(ref entry), OneFolder)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                entry.IsDirectory || FileSystemName.MatchesSimpleExpression(FilePattern, entry.FileName, ignoreCase: true),
        };
        HashSet<string>? lossyNames = null;
        foreach (Entry entry in entries)
        {
            if (entry.Kind == EntryKind.FolderLink)
                continue;
            bool isFolder = entry.Kind == EntryKind.Folder;
            string id = IndexSchema.IdOf(entry.Path, relativeStart, isFile: !isFolder);
            // .NET decodes a name that is not UTF-8 with U+FFFD in place of each bad byte; the decoded name then opens
            // nothing, or the one file truly named so, and two such names can decode alike.
            if (entry.LossyName && (!(lossyNames ??= new(StringComparer.Ordinal)).Add(entry.Path) || !Path.Exists(entry.Path)))
            {
                listing.Skipped.Add(Skipped(id, entry.Path,
                    $"{entry.Path}: the {(isFolder ? "folder's" : "file's")} name is not valid UTF-8 (shown here with \uFFFD for each " +
                    "bad byte), so it cannot be opened by name; rename it."));
                continue;
            }
            if (isFolder)
            {
                folders.Push(entry.Path);
                continue;
            }
            if (Examine(entry, out long length) is { } problem)
                listing.Skipped.Add(Skipped(id, entry.Path, $"{entry.Path}: {problem}"));
            else
                listing.Files.Add(new SeedFile(id, entry.Path, length));
        }
    }

    /// <summary>Why the file cannot be read as a seed file, or <see langword="null"/> when it is (or was) a regular one of
    /// <paramref name="length"/> bytes.</summary>
    private static string? Examine(Entry entry, out long length)
    {
        string target = entry.Path;
        length = entry.Length;
        if (entry.Kind == EntryKind.FileLink)
        {
            FileSystemInfo? final;
            try
            {
                final = File.ResolveLinkTarget(entry.Path, returnFinalTarget: true);
            }
            catch (IOException e)
            {
                return $"is a symbolic link that cannot be followed ({ExceptionText.Summary(e)}).";
            }
            if (final is null)
                return null; // replaced by a regular file since it was listed
            if (!final.Exists)
                return $"is a symbolic link to '{final.FullName}', which does not exist.";
            target = final.FullName;
            length = final is FileInfo file ? file.Length : 0;
        }
        if (length > 0)
            return null; // FIFOs, sockets and devices all have a size of 0, so only empty entries need a closer look
        try
        {
            return SpecialFile.Describe(target) is { } kind
                ? $"is not a regular file ({(target == entry.Path ? kind : $"a symbolic link to {kind}")})."
                : null;
        }
        catch (IOException)
        {
            return null; // gone since it was listed: the reader reports it if it is still missing
        }
    }

    private static IndexFailure Skipped(string id, string path, string message) => new() { Id = id, Path = path, Message = message };

    /// <summary>Keeps one file per id: of files that share one (only the case of <c>.txt</c> can differ), the first path in
    /// ordinal order, so that the choice does not depend on the order the file system lists them in.</summary>
    private static void RemoveClashes(List<SeedFile> files, List<SeedFile> clashes)
    {
        var positions = new Dictionary<string, int>(files.Count, StringComparer.Ordinal);
        var unique = new List<SeedFile>(files.Count);
        foreach (SeedFile file in files)
        {
            if (positions.TryAdd(file.Id, unique.Count))
            {
                unique.Add(file);
                continue;
            }
            int position = positions[file.Id];
            SeedFile kept = unique[position];
            if (string.CompareOrdinal(file.Path, kept.Path) < 0)
            {
                unique[position] = file;
                clashes.Add(kept);
            }
            else
            {
                clashes.Add(file);
            }
        }
        files.Clear();
        files.AddRange(unique);
    }

    private enum EntryKind
    {
        Folder,
        FolderLink,
        File,
        FileLink,
    }

    /// <summary>What the walk needs of one directory entry, taken while the entry is at hand.</summary>
    private readonly record struct Entry(string Path, EntryKind Kind, long Length, bool LossyName)
    {
        public static Entry From(ref FileSystemEntry entry)
        {
            string path = entry.ToFullPath();
            bool lossy = entry.FileName.Contains('\uFFFD');
            // The attributes cost a stat, taken once and shared with the length; a folder's IsDirectory follows links.
            bool link = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
            if (entry.IsDirectory)
                return new Entry(path, link ? EntryKind.FolderLink : EntryKind.Folder, 0, lossy);
            return new Entry(path, link ? EntryKind.FileLink : EntryKind.File, entry.Length, lossy);
        }
    }
}
