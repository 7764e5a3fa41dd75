using System.Formats.Tar;

namespace Search.Indexing;

/// <summary>Tells a regular file from a FIFO, socket or device without opening it: opening a FIFO for reading blocks until a
/// writer comes, and no cancellation can interrupt that.</summary>
internal static class SpecialFile
{
    /// <summary>What <paramref name="path"/> is when it is not a regular file (e.g. "a FIFO"), else <see langword="null"/>.
    /// Meant for the few paths the listing cannot vouch for: non-regular files all have a size of 0.</summary>
    public static string? Describe(string path)
    {
        // .NET 10 exposes no file type (FileSystemEntry, File.GetAttributes and UnixFileMode all call a FIFO "Normal"), but
        // TarWriter reads it with lstat for the entry header and opens nothing but regular files, so it names the type
        // without a P/Invoke whose struct layout would differ between platforms.
        using var header = new MemoryStream();
        try
        {
            using (var writer = new TarWriter(header, TarEntryFormat.Gnu, leaveOpen: true))
                writer.WriteEntry(path, "probe");
        }
        catch (UnauthorizedAccessException)
        {
            return null; // only a regular file's content is opened; the reader will report that it cannot read it
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return "a socket or another special file"; // the only types TarWriter refuses to archive
        }
        header.Position = 0;
        using var reader = new TarReader(header);
        return reader.GetNextEntry()?.EntryType switch
        {
            TarEntryType.Fifo => "a FIFO",
            TarEntryType.CharacterDevice => "a character device",
            TarEntryType.BlockDevice => "a block device",
            TarEntryType.SymbolicLink => "a symbolic link",
            _ => null,
        };
    }
}
